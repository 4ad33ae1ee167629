/** Every limit of the API, named, with the reason for its value. */
export const LIMITS = {
  /** Page size when `first` is omitted: a screenful of a mobile feed. */
  PAGE_SIZE_DEFAULT: 20,
  /** Largest `first`: keeps one request's rows and JSON bounded whatever the client asks. */
  PAGE_SIZE_MAX: 100,
  /** Longest cursor accepted: real cursors are < 100 characters; anything longer is not ours. */
  CURSOR_MAX_LENGTH: 200,
} as const;
