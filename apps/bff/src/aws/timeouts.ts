/** Longest the BFF waits for one attempt of an AWS call; reads then retry, so a hung AWS costs 3 × this. */
export const AWS_ATTEMPT_TIMEOUT_MS = 5_000;

/**
 * HTTP options for every AWS client. The SDK's own `requestTimeout` only logs a warning unless told to
 * throw, so without this a hung AWS endpoint hangs the operator's request indefinitely.
 */
export const awsRequestHandler = { requestTimeout: AWS_ATTEMPT_TIMEOUT_MS, throwOnRequestTimeout: true };
