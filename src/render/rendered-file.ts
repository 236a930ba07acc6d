/** One configuration file, as a path under the stack's config folder and its text. */
export interface RenderedFile {
  path: string;
  content: string;
  /** 0o600 for files holding a secret. */
  mode?: number;
}
