/**
 * A free TCP port, found synchronously (Playwright's config cannot await): a child Node process
 * listens on port 0 on 127.0.0.1, prints the port the kernel gave it and closes. Another process
 * could take the port in between, which is unlikely for a server started a moment later.
 */
import { execFileSync } from "node:child_process";

export function freePortSync(): number {
  const out = execFileSync(
    process.execPath,
    [
      "-e",
      "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();});",
    ],
    { encoding: "utf8" },
  );
  const port = Number(out);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`no free port (got "${out}")`);
  return port;
}
