/**
 * Runs once when the server starts: a production server without its session secret stops here
 * with a clear message instead of failing on the first sign-in.
 */
export async function register() {
  const { requireServerEnv } = await import("./lib/env");
  try {
    requireServerEnv();
  } catch (err) {
    console.error(`[imgledger] cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
