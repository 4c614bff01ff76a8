import Link from "next/link";

/** A signed-in user without the role this console page needs. */
export default function ConsoleForbidden() {
  return (
    <main className="page">
      <div className="card empty" role="alert">
        <h1>403 — staff only / 仅限员工</h1>
        <p>This page is for the support team. 此页面仅供客服团队使用。</p>
        <p>
          <Link className="btn" href="/qcode-img">
            imgledger
          </Link>
        </p>
      </div>
    </main>
  );
}
