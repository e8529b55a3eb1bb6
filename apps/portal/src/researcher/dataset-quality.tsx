/** The dataset page's metadata quality section: the MQA score, its points per dimension and what would raise it. */
import type { DatasetQuality } from "@regie/shared/contracts/catalogue";
import type { Messages } from "../i18n";
import { DataTable } from "../views/table";

export function QualitySection({ q, t }: { q: DatasetQuality; t: Messages }) {
  const m = t.quality;
  return (
    <section aria-labelledby="quality-title" class="quality">
      <h2 id="quality-title">{m.title}</h2>
      <p class="quality-score">
        <strong>{m.score(q.score, q.max)}</strong> · {m.ratingLabel}: {m.ratings[q.rating] ?? q.rating}
      </p>
      <p class="hint">{m.intro}</p>
      <DataTable class="quality-dimensions" caption={m.dimensionsCaption} headers={[m.dimension, m.points]}>
        {q.dimensions.map((d) => (
          <tr>
            <th scope="row">{m.dimensions[d.dimension] ?? d.dimension}</th>
            <td>{`${d.points} / ${d.max}`}</td>
          </tr>
        ))}
      </DataTable>
      <h3>{m.toRaiseTitle}</h3>
      {q.toRaise.length === 0 ? (
        <p>{m.toRaiseNone}</p>
      ) : (
        <ul class="quality-raise">
          {q.toRaise.map((r) => (
            <li data-metric={r.id}>
              {m.metrics[r.id] ?? r.id} <span class="curie">({r.property})</span>: <strong>{m.plus(r.points)}</strong>
            </li>
          ))}
        </ul>
      )}
      <p class="hint">{m.offlineNote}</p>
    </section>
  );
}
