/**
 * A small storage interface for uploaded documents and frozen protocol files. The disk
 * implementation keeps files under UPLOAD_DIR (default data/uploads); an S3-compatible store can
 * replace it by implementing the same four methods.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { env } from "../core/env.server";

export interface Storage {
  put(key: string, data: Uint8Array): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  exists(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
}

export class DiskStorage implements Storage {
  constructor(private readonly root: string) {}
  private path(key: string): string {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9/_.-]*$/.test(key) || key.includes(".."))
      throw new Error(`bad storage key: ${key}`);
    const base = resolve(this.root);
    const p = resolve(join(base, key));
    if (!p.startsWith(base + sep)) throw new Error(`bad storage key: ${key}`);
    return p;
  }
  async put(key: string, data: Uint8Array): Promise<void> {
    const p = this.path(key);
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, data);
  }
  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
  }
  async exists(key: string): Promise<boolean> {
    try {
      await stat(this.path(key));
      return true;
    } catch {
      return false;
    }
  }
  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}

let current: Storage | undefined;
export function getStorage(): Storage {
  current ??= new DiskStorage(env().UPLOAD_DIR);
  return current;
}
/** Tests: use another store (e.g. a DiskStorage in a temp folder). */
export function setStorageForTests(s: Storage): void {
  current = s;
}

/** A fresh key like "documents/2026/11/3f9a…-name.pdf". */
export function newKey(prefix: string, extension: string): string {
  const d = new Date();
  return `${prefix}/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${randomBytes(12).toString("hex")}.${extension}`;
}

export function sha256Hex(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
