import type { Metadata } from "next";
import { Playground } from "./_playground/playground";

export const metadata: Metadata = { title: "gpt-image-2 Playground" };

export default function PlaygroundPage() {
  return <Playground />;
}
