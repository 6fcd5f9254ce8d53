// The request layer's parts, each with the smallest input from issue 12.
import { describe, expect, it } from "vitest";
import { readForm } from "~/modules/forms/read.server";
import { MAX_ID, toCount, toId } from "~/modules/http/ids";
import { cleanFileName, cleanText } from "~/modules/http/text";
import { cleanQuery, filterCookies } from "../../server/request-layer.js";

const post = (body: BodyInit | null, contentType?: string, url = "http://x/ru/login") =>
  new Request(url, {
    method: "POST",
    body,
    headers: contentType ? { "content-type": contentType } : {},
  });

async function refusal(p: Promise<unknown>): Promise<{ status: number; text: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Response) return { status: e.status, text: await e.text() };
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("ids: one parser, the range both databases store", () => {
  it("accepts 1 … 2^31 − 1 and nothing else", () => {
    expect(toId("1")).toBe(1);
    expect(toId("012")).toBe(12);
    expect(toId(String(MAX_ID))).toBe(2147483647);
    expect(toId("2147483648")).toBeNull();
    expect(toId("3000000000")).toBeNull();
    for (const bad of ["0", "-1", "1.5", "1e3", "abc", "", " 1", "１", "\u00001", undefined, null])
      expect(toId(bad)).toBeNull();
    expect(toId(2 ** 31)).toBeNull();
    expect(toCount("999999999999", 50, 1, 200)).toBe(200);
    expect(toCount("-5", 50, 1, 200)).toBe(1);
    expect(toCount("abc", 50, 1, 200)).toBe(50);
  });
});

describe("text at the boundary", () => {
  it("removes NUL and other control characters, keeps line breaks as \\n", () => {
    expect(cleanText("a\u0000b")).toBe("ab");
    expect(cleanText("line 1\r\nline 2\rline 3\n")).toBe("line 1\nline 2\nline 3\n");
    expect(cleanText("tab\there\u0007\u001b\u007f\u0085")).toBe("tab\there");
    expect(cleanText("Жүктөп алуу")).toBe("Жүктөп алуу");
  });
  it("file names lose bidi controls, '=' and paths", () => {
    expect(cleanFileName("report=2026.pdf")).toBe("report_2026.pdf");
    expect(cleanFileName("отчёт\u202Efdp.exe")).toBe("отчётfdp.exe");
    expect(cleanFileName("a\u0000b.pdf")).toBe("ab.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName('"q";.pdf')).toBe("_q__.pdf");
    expect(cleanFileName("")).toBe("file");
    const long = cleanFileName("x".repeat(400) + ".pdf");
    expect(long.length).toBe(200);
    expect(long.endsWith(".pdf")).toBe(true);
  });
});

describe("readForm: the one way an action reads its form", () => {
  it("refuses JSON, text and a body without Content-Type with a localized 415", async () => {
    for (const ct of ["application/json", "text/plain", undefined]) {
      const r = await refusal(readForm(post('{"login":"x"}', ct)));
      expect(r.status).toBe(415);
      expect(r.text).toContain("не как форма");
    }
    const ky = await refusal(readForm(post("{}", "application/json", "http://x/ky/login")));
    expect(ky.text).toContain("форма катары");
  });

  it("refuses a multipart body without its boundary or cut off with 400", async () => {
    expect((await refusal(readForm(post("a=1", "multipart/form-data")))).status).toBe(400);
    const cut = `--b\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsav`;
    expect((await refusal(readForm(post(cut, "multipart/form-data; boundary=b")))).status).toBe(
      400,
    );
  });

  it("refuses a form past FORM_MAX_BYTES with 413 while it streams (no Content-Length)", async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode("a=" + "x".repeat(64 * 1024));
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        sent += chunk.byteLength;
        if (sent > 50 * 1024 * 1024) c.close();
        else c.enqueue(chunk);
      },
    });
    const req = new Request("http://x/ru/login", {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      duplex: "half",
    } as RequestInit);
    const r = await refusal(readForm(req));
    expect(r.status).toBe(413);
    // it stopped reading soon after the limit (1 MiB), not at the end of the 50 MB
    expect(sent).toBeLessThan(2 * 1024 * 1024);
    const declared = post("a=1", "application/x-www-form-urlencoded");
    const big = new Request(declared, {
      headers: { ...Object.fromEntries(declared.headers), "content-length": "104857600" },
    });
    expect((await refusal(readForm(big))).status).toBe(413);
  });

  it("cleans every value: CRLF → LF, no NUL; invalid UTF-8 becomes U+FFFD, never an error", async () => {
    const f = await readForm(
      post("body=a%0D%0Ab%00c&x=%FF%FE&x=2", "application/x-www-form-urlencoded"),
    );
    expect(f.get("body")).toBe("a\nbc");
    expect(f.getAll("x")).toEqual(["\uFFFD\uFFFD", "2"]);
  });

  it("a file named report=2026.pdf arrives, renamed safely", async () => {
    const b = "----x";
    const body =
      `--${b}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupload\r\n` +
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="report=2026.pdf"\r\n` +
      `Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--${b}--\r\n`;
    const f = await readForm(post(body, `multipart/form-data; boundary=${b}`), { files: true });
    const file = f.get("file");
    expect(file).toBeInstanceOf(File);
    expect((file as File).name).toBe("report_2026.pdf");
    expect(await (file as File).text()).toBe("%PDF-1.4");
    expect(f.get("intent")).toBe("upload");
  });
});

describe("server.js request layer helpers", () => {
  it("drops and clears a lang cookie that does not decode or is not ky/ru, and a bad session", () => {
    expect(filterCookies("lang=%E0%A4%A")).toEqual({ header: undefined, cleared: ["lang"] });
    expect(filterCookies("lang=xx; a=1")).toEqual({ header: "a=1", cleared: ["lang"] });
    expect(filterCookies("jyiyn_session=%00; lang=ru")).toEqual({
      header: "lang=ru",
      cleared: ["jyiyn_session"],
    });
    expect(
      filterCookies("lang=ru; jyiyn_session=abcdefghijklmnopqrstuvwxyz234567").cleared,
    ).toEqual([]);
  });
  it("removes control characters and _data from the query string", () => {
    expect(cleanQuery("q=%00")).toBe("q=");
    expect(cleanQuery("q=%D0%B0")).toBeNull();
    expect(cleanQuery("_data=root&q=1")).toBe("q=1");
  });
});
