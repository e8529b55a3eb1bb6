/** Links to the catalogue pages of these datasets, separated by commas. */
export function DatasetLinks({ ids }: { ids: readonly string[] }) {
  return (
    <>
      {ids.map((id, i) => (
        <>
          {i > 0 && ", "}
          <a href={`/onderzoek/datasets/${encodeURIComponent(id)}`}>{id}</a>
        </>
      ))}
    </>
  );
}
