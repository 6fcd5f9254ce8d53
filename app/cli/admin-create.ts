// npm run admin:create — creates the first platform administrator (or makes an existing account one).
// Interactive: asks for email, name and the password (not echoed). For scripts: ADMIN_EMAIL,
// ADMIN_NAME and ADMIN_PASSWORD in the environment.
import { createInterface } from "node:readline";
import { createDb } from "#db/connection";
import { migrateToLatest } from "#db/migrations";
import { normalizeEmail, passwordProblem } from "~/modules/auth/credentials.server";
import { hashPassword } from "~/modules/auth/password.server";
import { audit } from "~/modules/audit/audit.server";
import { nowIso } from "~/modules/core/clock.server";

function ask(question: string, hidden = false): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    if (hidden) {
      const out = rl as unknown as {
        _writeToOutput: (s: string) => void;
        output: NodeJS.WriteStream;
      };
      out._writeToOutput = (s: string) => {
        if (s.includes(question)) out.output.write(s);
        else if (s === "\r\n" || s === "\n") out.output.write(s);
      };
    }
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stdout.write("\n");
      resolve(answer);
    });
  });
}

const messages: Record<string, string> = {
  "auth:errors.passwordTooShort": "the password must have at least 10 characters",
  "auth:errors.passwordTooLong": "the password is too long",
  "auth:errors.passwordCommon": "this password is too common",
};

async function main() {
  const interactive = !process.env.ADMIN_PASSWORD;
  const emailIn =
    process.env.ADMIN_EMAIL ?? (interactive ? await ask("Administrator email: ") : "");
  const email = normalizeEmail(emailIn);
  if (!email) throw new Error("ADMIN_EMAIL: not a valid email address");
  const name =
    process.env.ADMIN_NAME ??
    (interactive
      ? (await ask("Display name [Администратор]: ")) || "Администратор"
      : "Администратор");
  let password = process.env.ADMIN_PASSWORD ?? "";
  if (interactive) {
    password = await ask("Password (at least 10 characters): ", true);
    const again = await ask("Repeat the password: ", true);
    if (again !== password) throw new Error("the passwords do not match");
  }
  const problem = passwordProblem(password);
  if (problem) throw new Error(`ADMIN_PASSWORD: ${messages[problem] ?? problem}`);

  const db = await createDb(process.env.DATABASE_URL);
  try {
    await migrateToLatest(db);
    const hash = await hashPassword(password);
    const at = nowIso();
    const existing = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirst();
    let id: number;
    if (existing) {
      id = existing.id;
      await db
        .updateTable("users")
        .set({ is_admin: 1, password_hash: hash, updated_at: at })
        .where("id", "=", id)
        .execute();
    } else {
      ({ id } = await db
        .insertInto("users")
        .values({
          email,
          phone: null,
          display_name: name.trim(),
          password_hash: hash,
          municipality_id: null,
          village_id: null,
          is_admin: 1,
          locale: "ky",
          created_at: at,
          updated_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow());
    }
    await audit(db, {
      actorUserId: null,
      action: "admin.create",
      targetType: "user",
      targetId: id,
      details: { via: "cli", existing: !!existing },
    });
    console.log(`Administrator ${email} is ready (user id ${id}).`);
  } finally {
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
