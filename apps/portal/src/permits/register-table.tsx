/** The public register's table of permits and answered requests, and the labels the permit page shares with it. */
import type { Context } from "hono";
import { EHDS_PURPOSES, type Permit } from "@regie/shared/contracts/catalogue";
import type { AppEnv } from "../env";
import { DataTable, OrEmpty } from "../views/table";

/** A purpose code's label in the reader's language (the code itself when unknown). */
export function purposeLabel(c: Context<AppEnv>, code: string) {
  const p = EHDS_PURPOSES.find((x) => x.code === code);
  return p ? p[c.get("lang")] : code;
}

/** "Data permit" or "answered data request". */
export function KindLabel({ c, p }: { c: Context<AppEnv>; p: Permit }) {
  const e = c.get("t").ehds;
  return <>{p.kind === "data_request" ? e.answeredRequest : e.permitTitle}</>;
}

/** The register's table: one row per permit or answered request, or a line saying there are none. */
export function RegisterTable({ c, items }: { c: Context<AppEnv>; items: Permit[] }) {
  const t = c.get("t");
  const e = t.ehds;
  return (
    <OrEmpty empty={items.length === 0} text={e.registerEmpty}>
      <DataTable
        class="data-table"
        caption={e.registerTitle}
        captionClass="visually-hidden"
        headers={[e.permitId, e.kindColumn, e.organisation, t.application.purpose, t.application.datasets, e.validity]}
      >
        {items.map((p) => (
          <tr>
            <td>
              <a href={`/vergunningen/${encodeURIComponent(p.id)}`}>{p.id}</a>
            </td>
            <td>
              <KindLabel c={c} p={p} />
            </td>
            <td>{p.organisation}</td>
            <td>{purposeLabel(c, p.purpose)}</td>
            <td>{p.datasetIds.join(", ")}</td>
            <td>
              {e.validFromTo(t.date(p.startDate), t.date(p.endDate))}{" "}
              <span class={`status status-${p.status === "active" ? "approved" : "rejected"}`}>{e.permitStatus[p.status]}</span>
            </td>
          </tr>
        ))}
      </DataTable>
    </OrEmpty>
  );
}
