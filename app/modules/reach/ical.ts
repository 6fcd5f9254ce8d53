/**
 * iCalendar (RFC 5545) for a hearing's in-person meeting: a VEVENT in Asia/Bishkek local time with
 * the zone's VTIMEZONE (UTC+6 all year, no daylight saving), CRLF line ends, lines folded at 75
 * octets without splitting a UTF-8 character.
 */
import { bishkekParts, type Instant } from "../format/time";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** 20261215T150000 in Bishkek wall-clock time. */
export function icsLocal(v: Instant): string {
  const p = bishkekParts(v);
  return `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}T${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

/** 20261215T090000Z */
export function icsUtc(v: Instant): string {
  return new Date(v)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export function icsEscape(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r?\n/g, "\\n");
}

/** Fold one content line: at most 75 octets per line, continuation lines start with a space. */
export function foldLine(line: string): string {
  const enc = new TextEncoder();
  const out: string[] = [];
  let current = "";
  let bytes = 0;
  for (const ch of line) {
    const size = enc.encode(ch).length;
    const limit = out.length === 0 ? 75 : 74; // the leading space counts on continuation lines
    if (bytes + size > limit) {
      out.push(current);
      current = "";
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

export interface MeetingEvent {
  uid: string;
  start: Instant;
  durationMinutes?: number;
  stamp: Instant;
  summary: string;
  description?: string;
  location: string;
  url: string;
  cancelled?: boolean;
}

export function buildMeetingIcs(e: MeetingEvent): string {
  const end = new Date(new Date(e.start).getTime() + (e.durationMinutes ?? 120) * 60_000);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Jyiyn//Public hearings//KY",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VTIMEZONE",
    "TZID:Asia/Bishkek",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0600",
    "TZOFFSETTO:+0600",
    "TZNAME:+06",
    "END:STANDARD",
    "END:VTIMEZONE",
    "BEGIN:VEVENT",
    `UID:${e.uid}`,
    `DTSTAMP:${icsUtc(e.stamp)}`,
    `DTSTART;TZID=Asia/Bishkek:${icsLocal(e.start)}`,
    `DTEND;TZID=Asia/Bishkek:${icsLocal(end)}`,
    `SUMMARY:${icsEscape(e.summary)}`,
    ...(e.description ? [`DESCRIPTION:${icsEscape(e.description)}`] : []),
    `LOCATION:${icsEscape(e.location)}`,
    `URL:${e.url}`,
    `STATUS:${e.cancelled ? "CANCELLED" : "CONFIRMED"}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
