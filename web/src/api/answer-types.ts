/** A cited passage as the hub sends it; fields the page does not know yet are kept and ignored. */
export interface Citation {
  documentId: string;
  filename: string;
  title: string | null;
  section: string | null;
  pages: number[];
  snippet: string;
  /** Where to open the original file; null when there is none (curated answers, updates). */
  original?: { url: string; fileType: string } | null;
  [key: string]: unknown;
}

export interface Answer {
  answer: string;
  answered: boolean;
  provider: string;
  citations: Citation[];
  questionId: string | null;
  repeated?: boolean;
  [key: string]: unknown;
}

export interface HubStatus {
  deploymentMode: string;
  sync: { mode: string };
  community: { slug: string; name: string; accessCodeRequired: boolean; admitted: boolean } | null;
  uploadMaxBytes: number;
}

export interface FaqEntry {
  id: string;
  question: string;
  answer: string;
}

export interface CommunityUpdate {
  id: string;
  title: string;
  body: string;
  publishedAt: string;
  expiresAt: string | null;
}
