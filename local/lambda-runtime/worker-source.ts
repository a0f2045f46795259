/**
 * Source of the Node process that hosts one Lambda function, run with `node -e`. It imports
 * the bundled handler once (the cold start), then answers `invoke` messages over IPC one at a
 * time with `{ requestId, result }` or `{ requestId, error }`. It exits when the IPC channel to
 * the local runner closes, so it never outlives the runner.
 */
export const workerSource = `
const { pathToFileURL } = require('node:url');
const [handlerFile, exportName, functionName, memoryMb] = JSON.parse(process.argv[1]);
let handlerPromise;
function loadHandler() {
  handlerPromise ??= import(pathToFileURL(handlerFile).href).then((mod) => {
    const handler = mod[exportName] ?? mod.default?.[exportName];
    if (typeof handler !== 'function') throw new Error('Handler ' + exportName + ' not exported by ' + handlerFile);
    return handler;
  });
  return handlerPromise;
}
function serializeError(error) {
  if (error instanceof Error) return { errorType: error.name, errorMessage: error.message, stack: error.stack };
  return { errorType: 'Error', errorMessage: String(error) };
}
process.on('disconnect', () => process.exit(0));
process.on('message', async (message) => {
  if (message.type !== 'invoke') return;
  const { requestId, event, deadline } = message;
  const context = {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:' + process.env.AWS_REGION + ':000000000000:function:' + functionName,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/' + functionName,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const handler = await loadHandler();
    const result = await handler(event, context);
    process.send({ requestId, result: result === undefined ? null : result });
  } catch (error) {
    process.send({ requestId, error: serializeError(error) });
  }
});
process.send({ type: 'ready' });
`;
