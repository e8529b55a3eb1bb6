-- EHDS applications from draft to permit (issue 15): collaborators, attachments (bytes in R2, rows here),
-- in-app notifications, the development e-mail outbox, and permits (the public register).
CREATE TABLE IF NOT EXISTS application_collaborators (
  application_id TEXT NOT NULL,
  researcher TEXT NOT NULL,
  PRIMARY KEY (application_id, researcher)
);
CREATE INDEX IF NOT EXISTS application_collaborators_researcher ON application_collaborators (researcher);

CREATE TABLE IF NOT EXISTS application_attachments (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  r2_key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS application_attachments_app ON application_attachments (application_id, uploaded_at);

CREATE TABLE IF NOT EXISTS application_notifications (
  id TEXT PRIMARY KEY,
  recipient TEXT NOT NULL,
  application_id TEXT NOT NULL,
  event TEXT NOT NULL,
  status TEXT NOT NULL,
  message TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS application_notifications_recipient ON application_notifications (recipient, at);

CREATE TABLE IF NOT EXISTS email_outbox (
  id TEXT PRIMARY KEY,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS permits (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS permits_issued ON permits (issued_at, id);
