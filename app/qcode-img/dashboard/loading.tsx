/** While the server reads the account: the page's shape, so nothing jumps when it arrives. */
export default function DashboardLoading() {
  return (
    <main className="page dashboard-page" aria-busy="true" data-testid="dashboard-loading">
      <div className="skeleton" style={{ height: 32, width: 220, marginBottom: 16 }} />
      <div className="grid grid-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="card">
            <div className="skeleton" style={{ width: "40%" }} />
            <div className="skeleton" style={{ height: 28, marginTop: 10, width: "60%" }} />
          </div>
        ))}
      </div>
      <div className="card" style={{ marginTop: 12 }}>
        <div className="skeleton chart-skeleton" />
      </div>
    </main>
  );
}
