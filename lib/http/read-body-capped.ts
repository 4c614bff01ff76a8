import "server-only";

/**
 * Reads a request body with a hard cap: the declared Content-Length is checked first, then the
 * bytes actually streamed (a chunked or lying client declares nothing useful), and reading stops
 * at the cap. `tooLarge` makes the edge's own 413 error.
 */
export async function readBodyCapped(req: Request, limit: number, tooLarge: () => Error): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString("utf8");
}
