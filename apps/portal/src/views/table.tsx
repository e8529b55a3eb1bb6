import type { Child } from "hono/jsx";

/** A table with a caption and one row of column headers; its rows are the children. */
export function DataTable(p: { class: string; caption: Child; captionClass?: string; headers: Child[]; children?: Child }) {
  return (
    <table class={p.class}>
      <caption class={p.captionClass}>{p.caption}</caption>
      <thead>
        <tr>
          {p.headers.map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>{p.children}</tbody>
    </table>
  );
}

/** The children, or the "nothing here" paragraph when there is nothing to show. */
export function OrEmpty(p: { empty: boolean; text: Child; children?: Child }) {
  return p.empty ? <p class="empty">{p.text}</p> : <>{p.children}</>;
}

/** A list of dated entries, newest first as given, or the "nothing here" paragraph. */
export function Timeline(p: { items: { meta: Child; text: Child }[]; emptyText: Child }) {
  return (
    <OrEmpty empty={p.items.length === 0} text={p.emptyText}>
      <ul class="timeline">
        {p.items.map((i) => (
          <li>
            <p class="meta">{i.meta}</p>
            <p>{i.text}</p>
          </li>
        ))}
      </ul>
    </OrEmpty>
  );
}
