/**
 * Next's start-up hook (runs once per server process, before requests are served). Node-only:
 * it records each request's TCP peer address in a header route handlers can read (see
 * lib/http/peer-address.ts). NEXT_RUNTIME is Next's build-time marker, not a setting.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { recordPeerAddresses } = await import("./lib/http/peer-address");
    recordPeerAddresses();
  }
}
