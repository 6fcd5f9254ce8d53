// npm run backup -- DIR   — a consistent online backup of DATABASE_URL and UPLOAD_DIR into DIR
// npm run restore -- DIR  — restore it (checks every hash first; --force replaces existing data)
// See README "Backup and restore".
import { backup, BackupError, restore } from "../backup";

const [mode, ...args] = process.argv.slice(2);
const force = args.includes("--force");
const dir = args.find((a) => !a.startsWith("--"));
const databaseUrl = process.env.DATABASE_URL;
const uploadDir = process.env.UPLOAD_DIR || "data/uploads";

if (!dir || (mode !== "backup" && mode !== "restore")) {
  console.error(
    `usage: npm run ${mode ?? "backup"} -- DIR${mode === "restore" ? " [--force]" : ""}`,
  );
  process.exit(2);
}
try {
  if (mode === "backup") {
    const m = await backup({ databaseUrl, uploadDir, outDir: dir });
    console.log(
      `Backup written to ${dir}: ${m.dialect} database, ${m.uploads.length} files (${m.referencedFiles} named by the database), manifest.json with their SHA-256.`,
    );
  } else {
    const m = await restore({ databaseUrl, uploadDir, fromDir: dir, force });
    console.log(
      `Restored the backup of ${m.createdAt}: database and ${m.uploads.length} files, every hash checked.`,
    );
  }
} catch (e) {
  console.error(e instanceof BackupError ? `${mode} refused: ${e.message}` : e);
  process.exitCode = 1;
}
