/** An application shown read-only: its fields, a summary, its history and its documents (researcher and HDAB pages). */
import type { Context } from "hono";
import { EHDS_PURPOSES, LEGAL_BASES, type AccessApplication, type Attachment } from "@regie/shared/contracts/catalogue";
import type { AppEnv } from "../env";
import { DatasetLinks } from "../present/dataset-links";
import { DeadlineNotice } from "../present/deadline";

/** The application's fields, read-only (researcher pages after submission, the HDAB's review page). */
export function ApplicationDetails({ c, app }: { c: Context<AppEnv>; app: AccessApplication }) {
  const t = c.get("t");
  const a = t.application;
  const e = t.ehds;
  const lang = c.get("lang");
  const purpose = EHDS_PURPOSES.find((p) => p.code === app.purpose);
  const basis = LEGAL_BASES.find((b) => b.code === app.legalBasis);
  const row = (label: string, value: unknown) =>
    value === undefined || value === null || value === "" ? null : (
      <div class="prop">
        <dt>{label}</dt>
        <dd>{String(value)}</dd>
      </div>
    );
  return (
    <dl class="props">
      {row(e.kind, e.kindShort[app.kind])}
      <div class="prop">
        <dt>{a.datasets}</dt>
        <dd>
          <DatasetLinks ids={app.datasetIds} />
        </dd>
      </div>
      {row(a.applicantLegend, [app.applicant.name, app.applicant.organisation, app.applicant.email && `(${app.applicant.email})`].filter(Boolean).join(", "))}
      {row(a.purpose, purpose ? purpose[lang] : app.purpose)}
      {row(a.purposeDescription, app.purposeDescription)}
      {row(a.requestedData, app.requestedData)}
      {row(e.legalBasis, basis ? basis[lang] : app.legalBasis)}
      {row(a.dataForm, app.dataForm && (app.dataForm === "pseudonymised" ? a.pseudonymised : a.anonymised))}
      {row(a.justification, app.pseudonymisationJustification)}
      {row(a.safeguards, app.safeguards)}
      {row(e.expectedOutputs, app.expectedOutputs)}
      {row(a.durationMonths, app.durationMonths && a.months(app.durationMonths))}
      {row(a.processingEnvironment, app.processingEnvironment)}
      {row(e.ethicsRequired, app.ethicsAssessmentRequired === undefined ? undefined : app.ethicsAssessmentRequired ? e.yes : e.no)}
      {row(e.ethicsReference, app.ethicsAssessmentReference)}
      {row(e.declarationLegend, app.notProhibitedDeclaration ? e.declaration : undefined)}
      {row(a.submittedAt, app.submittedAt && t.dateTime(app.submittedAt))}
      {row(a.approvedAt, app.approvedAt && t.dateTime(app.approvedAt))}
    </dl>
  );
}

/** Status, decision reasons, deadline and permit link at the top of an application page. */
export function ApplicationSummary({ c, app }: { c: Context<AppEnv>; app: AccessApplication }) {
  const t = c.get("t");
  return (
    <>
      <p>
        <span class={`status status-${app.status}`}>{t.application.statuses[app.status]}</span> <span class="meta">{t.ehds.kindShort[app.kind]}</span>
      </p>
      {app.reasons && (
        <p>
          <strong>{t.application.reasons}:</strong> {app.reasons}
        </p>
      )}
      {app.deadline && <DeadlineNotice c={c} deadline={app.deadline} />}
      {app.permitId && (
        <p>
          <a class="button" href={`/vergunningen/${encodeURIComponent(app.permitId)}`}>
            {t.ehds.permitLink(app.permitId)}
          </a>
        </p>
      )}
    </>
  );
}

export function History({ c, app }: { c: Context<AppEnv>; app: AccessApplication }) {
  const t = c.get("t");
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t.application.historyTitle}</h2>
      <ol class="timeline">
        {app.history.map((h) => (
          <li>
            <p class="meta">{t.dateTime(h.at)}</p>
            <p>
              {h.note ? t.ehds.events[h.note] : t.application.statuses[h.status]}
              {h.reasons ? ` — ${h.reasons}` : ""}
            </p>
          </li>
        ))}
      </ol>
      {app.informationRequests.length > 0 && (
        <>
          <h3>{t.ehds.previousQuestions}</h3>
          <dl class="props">
            {app.informationRequests.map((r) => (
              <div class="prop">
                <dt>{`${t.ehds.question} (${t.dateTime(r.askedAt)})`}</dt>
                <dd>
                  {r.question}
                  {r.answer && (
                    <p>
                      <strong>{t.ehds.answerGiven}:</strong> {r.answer}
                    </p>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}

/** The documents of an application, each a download link through `base`. */
export function AttachmentList({ c, items, base }: { c: Context<AppEnv>; items: Attachment[]; base: string }) {
  const e = c.get("t").ehds;
  if (items.length === 0) return <p class="empty">{e.attachmentsEmpty}</p>;
  return (
    <ul>
      {items.map((f) => (
        <li>
          <a href={`${base}/bijlagen/${encodeURIComponent(f.id)}`} aria-label={e.download(f.name)}>
            {f.name}
          </a>{" "}
          <span class="meta">({Math.max(1, Math.round(f.size / 1024))} kB)</span>
        </li>
      ))}
    </ul>
  );
}
