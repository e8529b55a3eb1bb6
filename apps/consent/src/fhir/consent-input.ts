/**
 * Reading a FHIR Consent (pure): the patient's BSN, the holder (CST), the requester (IRCP), the professional (PRCP),
 * purpose and GGC data categories, in the code systems of packages/shared codes/mitz.ts. Each problem names its
 * element as a JSON pointer under `base`, so a caller can say which entry of a Bundle failed and where.
 */
import {
  BSN_MESSAGE,
  BSN_SYSTEM,
  categoriesOfRequesterCategory,
  dataCategory,
  FHIR_SYSTEMS,
  isValidBsn,
  organisationType,
  PROVIDER_CATEGORIES,
  URA_SYSTEM,
  type FieldError,
  type ProviderCategory,
} from "@regie/shared";
import type { ChoiceInput, FhirConsentInput, Party, Professional, Purpose } from "@regie/shared/contracts/consent";

export interface Org {
  ura: string;
  organizationType: string;
}

type Actor = NonNullable<FhirConsentInput["provision"]["actor"]>[number];
type Contained = NonNullable<FhirConsentInput["contained"]>[number];

export class ConsentReader {
  readonly errors: FieldError[] = [];
  constructor(
    readonly consent: FhirConsentInput,
    private readonly base = "",
  ) {}

  fail(path: string, message: string): undefined {
    this.errors.push({ path: this.base + path, message });
    return undefined;
  }

  bsn(): string | undefined {
    const id = this.consent.patient.identifier;
    if (id?.system !== BSN_SYSTEM || !id.value) return this.fail("/patient/identifier", `Identify the patient by a BSN identifier (system ${BSN_SYSTEM})`);
    if (!isValidBsn(id.value)) return this.fail("/patient/identifier/value", BSN_MESSAGE);
    return id.value;
  }

  /** GGC codes in `category` (system gegevenscategorie), each known to the registry. */
  dataCategories(): string[] {
    const out: string[] = [];
    this.consent.category.forEach((cc, i) => {
      (cc.coding ?? []).forEach((c, j) => {
        if (c.system !== FHIR_SYSTEMS.dataCategory) return;
        if (!c.code || !dataCategory(c.code)) this.fail(`/category/${i}/coding/${j}/code`, "Unknown data category (gegevenscategorie)");
        else if (!out.includes(c.code)) out.push(c.code);
      });
    });
    return out;
  }

  purposes(): Purpose[] {
    const out: Purpose[] = [];
    (this.consent.provision.purpose ?? []).forEach((p, i) => {
      if (p.system !== FHIR_SYSTEMS.purposeOfUse || (p.code !== "TREAT" && p.code !== "COC"))
        this.fail(`/provision/purpose/${i}`, `Purpose of use must be TREAT or COC (${FHIR_SYSTEMS.purposeOfUse})`);
      else out.push(p.code);
    });
    return out;
  }

  private actorIndex(role: string): number {
    return (this.consent.provision.actor ?? []).findIndex((a: Actor) =>
      (a.role.coding ?? []).some((c) => c.code === role && (c.system === undefined || c.system === FHIR_SYSTEMS.participationType)),
    );
  }

  private contained(ref: string | undefined): { item: Contained; index: number } | undefined {
    if (!ref?.startsWith("#")) return undefined;
    const index = (this.consent.contained ?? []).findIndex((c) => c.id === ref.slice(1));
    return index < 0 ? undefined : { item: this.consent.contained![index]!, index };
  }

  /** A concrete organisation (URA and organisation type) in the actor with this role; undefined when absent. */
  organisation(role: "CST" | "IRCP", required: boolean): Org | undefined {
    const i = this.actorIndex(role);
    const name = role === "CST" ? "holder (CST)" : "requester (IRCP)";
    if (i < 0) return required ? this.fail("/provision/actor", `A ${name} actor is required`) : undefined;
    const ref = this.consent.provision.actor![i]!.reference;
    const found = this.contained(ref.reference);
    if (!found || found.item.resourceType !== "Organization")
      return this.fail(`/provision/actor/${i}/reference`, `The ${name} must reference a contained Organization ("#id")`);
    const org = found.item;
    const ura = org.identifier?.find((x) => x.system === URA_SYSTEM)?.value;
    const type = org.type?.flatMap((t) => t.coding ?? []).find((c) => c.system === FHIR_SYSTEMS.organizationType)?.code;
    if (!ura || !/^\d{1,8}$/.test(ura))
      return this.fail(`/contained/${found.index}/identifier`, `The ${name} needs a URA identifier (${URA_SYSTEM}, up to 8 digits)`);
    if (!type || !organisationType(type))
      return this.fail(`/contained/${found.index}/type`, `The ${name} needs a known organisation type (${FHIR_SYSTEMS.organizationType})`);
    return { ura, organizationType: type };
  }

  /** The professional: a PRCP actor referencing a contained PractitionerRole (UZI number, UZI role, mandate). */
  professional(): Professional | undefined {
    const i = this.actorIndex("PRCP");
    if (i < 0) return undefined;
    const found = this.contained(this.consent.provision.actor![i]!.reference.reference);
    if (!found || found.item.resourceType !== "PractitionerRole")
      return this.fail(`/provision/actor/${i}/reference`, 'The professional (PRCP) must reference a contained PractitionerRole ("#id")');
    const pr = found.item;
    const uzi = pr.practitioner?.identifier;
    const role = pr.code?.flatMap((c) => c.coding ?? []).find((c) => c.system === FHIR_SYSTEMS.uziRole)?.code;
    if (uzi?.system !== FHIR_SYSTEMS.uziNumber || !/^\d{9}$/.test(uzi.value ?? ""))
      return this.fail(`/contained/${found.index}/practitioner/identifier`, `The professional needs a UZI number (${FHIR_SYSTEMS.uziNumber}, 9 digits)`);
    if (!role || !/^\d{2}\.\d{3}$/.test(role))
      return this.fail(`/contained/${found.index}/code`, `The professional needs a UZI role (${FHIR_SYSTEMS.uziRole})`);
    const mandate = pr.extension?.find((e) => e.url === FHIR_SYSTEMS.mandatedByExtension)?.valueIdentifier;
    if (mandate && (mandate.system !== FHIR_SYSTEMS.uziNumber || !/^\d{9}$/.test(mandate.value ?? "")))
      return this.fail(`/contained/${found.index}/extension`, "The mandate needs the mandating professional's UZI number");
    return { uziNumber: uzi.value!, role, ...(mandate ? { mandatedBy: { uziNumber: mandate.value! } } : {}) };
  }

  /** One side of a choice: a URA (actor with a logical or contained reference) or a provider category (extension). */
  private party(role: "CST" | "IRCP"): Party | undefined {
    const i = this.actorIndex(role);
    if (i >= 0) {
      const ref = this.consent.provision.actor![i]!.reference;
      const ura =
        ref.identifier?.system === URA_SYSTEM
          ? ref.identifier.value
          : (() => {
              const found = this.contained(ref.reference);
              return found?.item.resourceType === "Organization" ? found.item.identifier?.find((x) => x.system === URA_SYSTEM)?.value : undefined;
            })();
      if (!ura || !/^\d{1,8}$/.test(ura)) return this.fail(`/provision/actor/${i}/reference`, `Name the organisation by its URA (${URA_SYSTEM})`);
      return { ura };
    }
    const url = role === "CST" ? FHIR_SYSTEMS.holderCategoryExtension : FHIR_SYSTEMS.requesterCategoryExtension;
    const e = (this.consent.extension ?? []).findIndex((x) => x.url === url);
    const side = role === "CST" ? "holder" : "requester";
    if (e < 0) return this.fail("/provision/actor", `Name the ${side}: a ${role} actor (URA) or the ${url} extension (a category)`);
    const codings = this.consent.extension![e]!.valueCodeableConcept?.coding ?? [];
    const regie = codings.find((c) => c.system === FHIR_SYSTEMS.providerCategory)?.code;
    if (regie && (PROVIDER_CATEGORIES as readonly string[]).includes(regie)) return { category: regie as ProviderCategory };
    const rpzac = codings.find((c) => c.system === FHIR_SYSTEMS.requesterCategory)?.code;
    const mapped = rpzac ? categoriesOfRequesterCategory(rpzac) : undefined;
    if (role === "IRCP" && mapped?.length === 1) return { category: mapped[0]! };
    if (role === "IRCP" && mapped && mapped.length > 1)
      return this.fail(
        `/extension/${e}`,
        `${rpzac} covers several Regie categories (${mapped.join(", ")}): add a ${FHIR_SYSTEMS.providerCategory} coding to say which`,
      );
    return this.fail(`/extension/${e}`, `Unknown ${side} category`);
  }

  /** The choice a recorded Consent stands for (POST/PUT /fhir/Consent, migration). */
  choice(): ChoiceInput | undefined {
    const holder = this.party("CST");
    const requester = this.party("IRCP");
    const categories = this.dataCategories();
    if (categories.length !== 1) this.fail("/category", "A recorded Consent names exactly one data category (gegevenscategorie)");
    const decision = this.consent.provision.type;
    if (!decision) this.fail("/provision/type", "provision.type must be permit or deny");
    const end = this.consent.provision.period?.end;
    if (end !== undefined && (Number.isNaN(Date.parse(end)) || !/^\d{4}-\d{2}-\d{2}/.test(end)))
      this.fail("/provision/period/end", "Expected a FHIR date or dateTime");
    if (!holder || !requester || categories.length !== 1 || !decision || this.errors.length) return undefined;
    return { holder, requester, dataCategory: categories[0]!, decision, validUntil: end ?? null };
  }
}
