import type { Metadata } from "next";
import NotFound from "../not-found";

export const metadata: Metadata = { title: "Page not found · 页面不存在" };

export default NotFound;
