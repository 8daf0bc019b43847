/** Who is fetching, for the operators of the feeds we poll: `feedfold/<version> (+<project URL>)`. */
export const FEEDFOLD_VERSION = "0.1.0";
export const PROJECT_URL = "https://github.com/feedfold/feedfold";
export const USER_AGENT = `feedfold/${FEEDFOLD_VERSION} (+${PROJECT_URL})`;
