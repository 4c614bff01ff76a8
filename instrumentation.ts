/**
 * Runs once when the server starts: a production server without its session secret stops here
 * with a clear message instead of failing on the first sign-in. (NEXT_RUNTIME is Next's own
 * build-time switch, the documented way to keep Node-only code out of the Edge bundle.)
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { requireServerEnv } = await import("./lib/env");
  try {
    requireServerEnv();
  } catch (err) {
    console.error(`[imgledger] cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
