/** The contract types the application modules use, imported once. */
export {
  APPLICATION_NEXT_STATUSES,
  missingForSubmission,
  type AccessApplication,
  type ApplicationDraftInput,
  type ApplicationStatus,
  type ApplicationStatusChange,
  type Collaborator,
  type CollaboratorInput,
  type MissingField,
} from "@regie/shared/contracts/catalogue";
export type { Claims } from "@regie/shared";
