/** What a secret looks like in an environment variable: the project's one list, shared with the config preflight. */
export { secretLikeName, secretLikeValue } from "../../../secrets/secret-shapes";
