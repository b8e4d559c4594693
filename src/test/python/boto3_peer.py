"""The cold-start benchmark's peer: a minimal Python Lambda function making the same Bedrock call.

POST /v1/summarize sends Parley's summarization prompt to Converse with boto3; GET /v1/health
answers without a call. It runs as Lambda's Python runtime would run it, under a small loop that
speaks the Runtime API (the real awslambdaric cannot be installed here), against the same
Runtime API stand-in as Parley, so both are measured the same way in the same run.

Configuration comes from the environment: AWS_LAMBDA_RUNTIME_API, AWS_REGION, the credentials,
PARLEY_BENCH_BEDROCK_ENDPOINT and PARLEY_BENCH_MODEL_ID.
"""
import http.client
import json
import os

import boto3

SYSTEM = ("You summarize texts faithfully. Use only information stated in the text you are"
          " given; do not add facts, opinions, context or advice that are not in it. Answer with the summary"
          " only, without a preamble.")
STYLES = {
    "concise": "in a short paragraph of two to four sentences",
    "bullets": "as a list of three to seven bullet points, one per line, each starting with \"- \"",
    "detailed": "in a detailed summary of several paragraphs that keeps every key point, figure and name",
    "one-sentence": "in exactly one sentence",
}

# Built during init, as any Lambda function would: the client and its connection pool are reused.
bedrock = boto3.client("bedrock-runtime", endpoint_url=os.environ["PARLEY_BENCH_BEDROCK_ENDPOINT"])
MODEL_ID = os.environ["PARLEY_BENCH_MODEL_ID"]


def handler(event):
    path = event.get("rawPath", "")
    if path == "/v1/health":
        return respond(200, {"status": "ok"})
    if path != "/v1/summarize":
        return respond(404, {"error": {"code": "not_found"}})
    request = json.loads(event.get("body") or "{}")
    text = request["text"].replace("</text>", "</ text>")
    style = STYLES.get(request.get("style", "concise"), STYLES["concise"])
    config = request.get("inferenceConfig", {})
    reply = bedrock.converse(
        modelId=MODEL_ID,
        system=[{"text": SYSTEM}],
        messages=[{"role": "user", "content": [{"text": "Summarize the text enclosed in the text tags below "
                                                          + style + ".\n\n<text>\n" + text + "\n</text>"}]}],
        inferenceConfig={"maxTokens": config.get("maxTokens", 1024), "temperature": config.get("temperature", 0.2)},
    )
    summary = "".join(block.get("text", "") for block in reply["output"]["message"]["content"])
    return respond(200, {"summary": summary, "model": request.get("model", "nova-micro"), "modelId": MODEL_ID,
                         "stopReason": reply["stopReason"], "usage": reply["usage"],
                         "latencyMs": reply["metrics"]["latencyMs"]})


def respond(status, body):
    return {"statusCode": status, "headers": {"content-type": "application/json"}, "body": json.dumps(body)}


def main():
    host, port = os.environ["AWS_LAMBDA_RUNTIME_API"].split(":")
    runtime = http.client.HTTPConnection(host, int(port))
    while True:
        runtime.request("GET", "/2018-06-01/runtime/invocation/next")
        response = runtime.getresponse()
        request_id = response.getheader("Lambda-Runtime-Aws-Request-Id")
        event = json.loads(response.read())
        try:
            result, outcome = json.dumps(handler(event)), "response"
        except Exception as error:  # reported to the Runtime API as Lambda's runtime would
            result, outcome = json.dumps({"errorMessage": str(error), "errorType": type(error).__name__}), "error"
        runtime.request("POST", f"/2018-06-01/runtime/invocation/{request_id}/{outcome}", body=result,
                        headers={"Content-Type": "application/json"})
        runtime.getresponse().read()


if __name__ == "__main__":
    main()
