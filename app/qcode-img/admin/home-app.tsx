"use client";
import { ConsolePage, type ConsoleUser } from "./_console/console-page";
import { SearchBox } from "./_console/search-box";
import { ServiceOverviewSection } from "./_console/service-overview";

export function HomeApp({ user }: { user: ConsoleUser }) {
  return (
    <ConsolePage user={user} section="overview" title={(t) => t.console}>
      {(t) => (
        <>
          <SearchBox t={t} />
          <ServiceOverviewSection t={t} />
        </>
      )}
    </ConsolePage>
  );
}
