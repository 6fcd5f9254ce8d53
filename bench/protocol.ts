/**
 * Protocol rendering benchmark: a closed hearing with 2,000 comments (all answered), its canonical
 * content built from the record, then the PDF and the DOCX in both languages. Prints timings.
 *   npx tsx bench/protocol.ts [comments=2000]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createDb } from "#db/connection";
import { migrateToLatest } from "#db/migrations";
import { buildProtocolContent, canonicalJson } from "~/modules/protocol/content.server";
import { buildDocument } from "~/modules/protocol/document.server";
import { renderDocx } from "~/modules/protocol/docx.server";
import { renderPdf } from "~/modules/protocol/pdf.server";
import { createProtocolWorld } from "../tests/helpers/protocol-fixtures";

const N = Number(process.argv[2] ?? 2000);
process.env.LOG_LEVEL ??= "silent";

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "jyiyn-bench-"));
  const db = await createDb(join(dir, "bench.sqlite"));
  try {
    await migrateToLatest(db);
    const w = await createProtocolWorld(db);
    const statuses = ["accepted", "partly_accepted", "not_accepted", "not_relevant"] as const;
    const stances = ["for", "against", "neutral"] as const;
    const at = new Date(Date.now() - 10 * 864e5).toISOString();
    const rows = Array.from({ length: N }, (_, i) => ({
      hearing_id: w.tariffHearing,
      source: i % 3 === 0 ? ("in_person" as const) : ("online" as const),
      author_user_id: i % 3 === 0 ? null : w.residents[i % w.residents.length],
      speaker_name: i % 3 === 0 ? `Сүйлөгөн ${i}` : null,
      anonymous: i % 5 === 0 ? 1 : 0,
      village_id: Object.values(w.places.issykKul.villages)[i % 4],
      author_verified: 1,
      stance: stances[i % 3],
      body: `№${i}. Тариф боюнча пикирим: таштанды чыгаруу графиги айылдар боюнча бирдей эмес, Чоң-Таш жана Ак-Булуң айылдарына машина сейрек келет. Пенсионерлерге, көп балалуу үй-бүлөлөргө жеңилдик керек деп ойлойм. Ошондой эле контейнерлердин саны жетишсиз.`,
      created_at: at,
      answer_status: statuses[i % 4],
      answer_text:
        "Сунуш каралды; ишкана графикти кайра карап чыгат жана жеңилдиктер боюнча кеңешке сунуш киргизет.",
      answered_by: w.official,
      answered_at: at,
    }));
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto("comments")
        .values(rows.slice(i, i + 200))
        .execute();

    const t0 = performance.now();
    const content = await buildProtocolContent(
      db,
      w.tariffHearing,
      {
        number: "BENCH-1",
        version: 1,
        chairName: "Бакыт Өмүрбеков",
        secretaryName: "Айнура Үсөнова",
        conclusionsKy: "Тарифти бекитүү сунушталат.",
        conclusionsRu: "Рекомендуется утвердить тариф.",
      },
      new Date().toISOString(),
    );
    const json = canonicalJson(content);
    const tContent = performance.now() - t0;
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}`);
    console.log(
      `comments: ${content.comments.length}; canonical JSON ${(json.length / 1024).toFixed(0)} KiB`,
    );
    console.log(`content from the record + canonical JSON: ${tContent.toFixed(0)} ms`);
    const verification = {
      code: "BENCH-00000",
      url: "https://jyiyn.kg/ky/verify/BENCH-00000",
      contentSha256: "0".repeat(64),
    };
    for (const lang of ["ky", "ru"] as const) {
      const d = buildDocument(content, lang, null, verification);
      let s = performance.now();
      const pdf = await renderPdf(d);
      const tp = performance.now() - s;
      s = performance.now();
      const docx = await renderDocx(d);
      const td = performance.now() - s;
      console.log(
        `${lang}: PDF ${tp.toFixed(0)} ms (${(pdf.length / 1024).toFixed(0)} KiB) · DOCX ${td.toFixed(0)} ms (${(docx.length / 1024).toFixed(0)} KiB)`,
      );
    }
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
