export default function Playground() {
  return <main className="page"><h1>gpt-image-2 playground</h1></main>;
}
