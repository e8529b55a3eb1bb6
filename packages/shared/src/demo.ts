/**
 * Demo identities, shared by every app's development seed and the portal's development login, so that
 * `npm start` gives one consistent world. BSNs are from the test range (999…) and pass the 11-proef.
 * Never used outside ENVIRONMENT=development.
 */
export interface DemoCitizen {
  key: string;
  name: string;
  bsn: string;
  birthDate: string;
  /** keys of the demo children this citizen has parental authority (gezag) over */
  guardianOf: string[];
}

export const DEMO_CITIZENS: readonly DemoCitizen[] = [
  { key: "jan", name: "Jan Jansen", bsn: "999990007", birthDate: "1968-03-14", guardianOf: [] },
  { key: "fatima", name: "Fatima el Amrani", bsn: "999990019", birthDate: "1985-11-02", guardianOf: ["noor", "sem"] },
  { key: "noor", name: "Noor el Amrani", bsn: "999990020", birthDate: "2014-06-21", guardianOf: [] },
  { key: "sem", name: "Sem el Amrani", bsn: "999990032", birthDate: "2010-01-09", guardianOf: [] },
  { key: "wilma", name: "Wilma de Vries", bsn: "999990044", birthDate: "1941-08-30", guardianOf: [] },
  { key: "daan", name: "Daan Bakker", bsn: "999990056", birthDate: "1993-04-17", guardianOf: [] },
];

export interface DemoProvider {
  key: string;
  name: string;
  ura: string;
  organizationType: string;
  /** where it is (the address book shows name and place) */
  place: string;
  uziRole?: string;
}

export const DEMO_PROVIDERS: readonly DemoProvider[] = [
  { key: "huisarts", name: "Huisartsenpraktijk De Linde", ura: "00001001", organizationType: "Z3", place: "Utrecht", uziRole: "01.015" },
  { key: "ziekenhuis", name: "Ziekenhuis Rivierenland", ura: "00002002", organizationType: "V6", place: "Tiel", uziRole: "01.010" },
  { key: "umc", name: "UMC Utrecht", ura: "00002003", organizationType: "V5", place: "Utrecht", uziRole: "01.010" },
  { key: "apotheek", name: "Apotheek Centraal", ura: "00003003", organizationType: "J8", place: "Utrecht", uziRole: "17.000" },
  { key: "ggz", name: "GGZ Oost", ura: "00004004", organizationType: "G5", place: "Deventer", uziRole: "01.018" },
  { key: "lab", name: "Regionaal Laboratorium", ura: "00005005", organizationType: "L1", place: "Amersfoort" },
];

export interface DemoPublisher {
  publisherId: string;
  name: string;
  homepage: string;
}

export const DEMO_PUBLISHERS: readonly DemoPublisher[] = [
  { publisherId: "rivm", name: "Rijksinstituut voor Volksgezondheid en Milieu", homepage: "https://www.rivm.nl" },
  { publisherId: "umcu", name: "UMC Utrecht", homepage: "https://www.umcutrecht.nl" },
  { publisherId: "iknl", name: "Integraal Kankercentrum Nederland", homepage: "https://iknl.nl" },
  { publisherId: "nivel", name: "Nivel", homepage: "https://www.nivel.nl" },
  { publisherId: "cbs", name: "Centraal Bureau voor de Statistiek", homepage: "https://www.cbs.nl" },
];

export const DEMO_RESEARCHERS = [
  { sub: "researcher-anna", name: "Dr. Anna Visser", organisation: "Erasmus MC" },
  { sub: "researcher-tom", name: "Tom Peeters", organisation: "Universiteit Maastricht" },
  { sub: "researcher-eva", name: "Eva de Jong", organisation: "Amsterdam UMC" },
] as const;

export const DEMO_HDAB = { sub: "hdab-nl", name: "Health Data Access Body Nederland" } as const;
