import { SELF } from "cloudflare:test";
import { describeOpenApiBaseline } from "@regie/shared/testing";
import baseline from "../openapi.baseline.json";

describeOpenApiBaseline((url) => SELF.fetch(url), baseline);
