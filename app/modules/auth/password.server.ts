import { hash, verify } from "@node-rs/argon2";

// argon2id with the OWASP minimum (m = 19 MiB, t = 2, p = 1).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS); // @node-rs/argon2 defaults to argon2id
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}
