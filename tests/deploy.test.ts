import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { parseAllDocuments, parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { registry, repoRoot, subgraphEnvFields } from "@marugoto/shared";
import { gatewayEnvSchema } from "../gateway/src/config.js";
import { FILES_PATH_PREFIX } from "../gateway/src/files/paths.js";
import { CALENDARS_PATH_PREFIX } from "../gateway/src/files/calendar-route.js";

/**
 * The Kubernetes manifests (deploy/k8s) and docker-compose.yml, checked offline: every object
 * against the Kubernetes schemas bundled in kubernetes-models (types, required fields, formats),
 * unknown fields by TypeScript's excess-property check against the same models' types, and what a
 * deployment of this graph needs (probes, resources, budgets, services, secrets, variables the
 * code reads).
 */
type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
};

const K8S = path.join(repoRoot, "deploy", "k8s");
const readYaml = (file: string) =>
  parseAllDocuments(readFileSync(file, "utf8"))
    .map((d) => d.toJSON() as K8sObject)
    .filter(Boolean);

interface Kustomization {
  resources?: string[];
  namespace?: string;
  replicas?: { name: string; count: number }[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

/** The subset of kustomize these manifests use (resources, namespace, replicas, images); anything else fails. */
function render(dir: string): K8sObject[] {
  const kustomization = parseYaml(readFileSync(path.join(dir, "kustomization.yaml"), "utf8")) as Kustomization & Record<string, unknown>;
  const unsupported = Object.keys(kustomization).filter(
    (k) => !["apiVersion", "kind", "resources", "namespace", "replicas", "images"].includes(k),
  );
  expect(unsupported, `${dir}: fields this check does not render`).toEqual([]);
  const objects = (kustomization.resources ?? []).flatMap((resource) => {
    const target = path.join(dir, resource);
    return existsSync(path.join(target, "kustomization.yaml")) ? render(target) : readYaml(target);
  });
  for (const object of objects) {
    if (kustomization.namespace) object.metadata.namespace = kustomization.namespace;
    const replicas = kustomization.replicas?.find((r) => r.name === object.metadata.name);
    if (replicas && object.kind === "Deployment") object.spec.replicas = replicas.count;
    for (const container of [...(object.spec?.template?.spec?.containers ?? []), ...(object.spec?.template?.spec?.initContainers ?? [])]) {
      const [image] = (container.image as string).split(":");
      const rule = kustomization.images?.find((i) => i.name === image);
      if (rule) container.image = `${rule.newName ?? image}:${rule.newTag ?? "latest"}`;
    }
  }
  return objects;
}

/** kubernetes-models module and type of each kind used here. */
const MODELS: Record<string, { module: string; type: string }> = {
  "apps/v1/Deployment": { module: "kubernetes-models/apps/v1", type: "IDeployment" },
  "v1/Service": { module: "kubernetes-models/v1", type: "IService" },
  "v1/ConfigMap": { module: "kubernetes-models/v1", type: "IConfigMap" },
  "v1/Secret": { module: "kubernetes-models/v1", type: "ISecret" },
  "policy/v1/PodDisruptionBudget": { module: "kubernetes-models/policy/v1", type: "IPodDisruptionBudget" },
  "batch/v1/Job": { module: "kubernetes-models/batch/v1", type: "IJob" },
  "networking.k8s.io/v1/Ingress": { module: "kubernetes-models/networking.k8s.io/v1", type: "IIngress" },
  "networking.k8s.io/v1/NetworkPolicy": { module: "kubernetes-models/networking.k8s.io/v1", type: "INetworkPolicy" },
};
const modelOf = (o: K8sObject) => MODELS[`${o.apiVersion}/${o.kind}`];

async function validateSchemas(objects: K8sObject[]): Promise<void> {
  for (const object of objects) {
    const model = modelOf(object);
    expect(model, `${object.apiVersion} ${object.kind}`).toBeDefined();
    const module = (await import(model!.module)) as Record<string, new (data: unknown) => { validate(): void }>;
    const Model = module[object.kind]!;
    expect(() => new Model(object).validate(), `${object.kind}/${object.metadata.name}`).not.toThrow();
  }
}

/** Unknown or misspelt fields: every object as a literal of its kubernetes-models type, type-checked. */
function unknownFields(objects: K8sObject[]): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), "marugoto-k8s-"));
  try {
    const imports = [...new Set(objects.map((o) => `import type { ${modelOf(o)!.type} } from "${modelOf(o)!.module}";`))];
    const body = objects.map((o, i) => `export const o${i}: ${modelOf(o)!.type} = ${JSON.stringify(o)};`);
    const file = path.join(dir, "manifests.ts");
    writeFileSync(file, [...imports, ...body].join("\n"));
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      skipLibCheck: true,
      typeRoots: [],
      types: [],
      baseUrl: repoRoot,
      paths: { "*": [path.join(repoRoot, "node_modules", "*")] },
    });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " ").slice(0, 300));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const base = render(path.join(K8S, "base"));
const overlay = render(path.join(K8S, "overlays", "two-replicas"));
const secretExample = readYaml(path.join(K8S, "base", "secret.example.yaml"));
const deployments = overlay.filter((o) => o.kind === "Deployment");
const COMPONENTS = ["gateway", "directory", "meetings", "cases", "hubs"];

describe("Kubernetes manifests", () => {
  it("validate against the Kubernetes schemas (base, overlay and the example Secret)", async () => {
    expect(base.length).toBeGreaterThan(15);
    await validateSchemas([...base, ...overlay, ...secretExample]);
  });

  it("hold no unknown or misspelt field", () => {
    expect(unknownFields([...overlay, ...secretExample])).toEqual([]);
    // The check itself catches one.
    const typo = structuredClone(deployments[0]!);
    typo.spec.replica = typo.spec.replicas;
    delete typo.spec.replicas;
    const found = unknownFields([typo]).join("\n");
    expect(found).toMatch(/replica/);
    expect(found).toMatch(/known properties/);
  }, 60_000);

  it("run two replicas of everything in the overlay, each with probes, resources and a disruption budget", () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([...COMPONENTS].sort());
    for (const d of deployments) {
      expect(d.spec.replicas, d.metadata.name).toBe(2);
      expect(d.metadata.namespace).toBe("marugoto");
      const [container] = d.spec.template.spec.containers;
      expect(container.readinessProbe, d.metadata.name).toBeDefined();
      expect(container.livenessProbe, d.metadata.name).toBeDefined();
      expect(
        container.resources.requests.cpu && container.resources.requests.memory && container.resources.limits.memory,
        d.metadata.name,
      ).toBeTruthy();
      expect(container.image).toMatch(/^registry\.example\.jp\/marugoto\/marugoto-graph:\d/);
      // The command runs a file of this repository.
      const entry = container.command.at(-1) as string;
      expect(existsSync(path.join(repoRoot, entry)), entry).toBe(true);
      // The pod template's labels are selected by the Deployment, one disruption budget and one Service.
      const labels = d.spec.template.metadata.labels as Record<string, string>;
      const selects = (selector: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);
      expect(selects(d.spec.selector.matchLabels)).toBe(true);
      expect(
        overlay.filter((o) => o.kind === "PodDisruptionBudget" && selects(o.spec.selector.matchLabels)),
        d.metadata.name,
      ).toHaveLength(1);
      const services = overlay.filter((o) => o.kind === "Service" && selects(o.spec.selector));
      expect(services.map((s) => s.metadata.name)).toEqual([d.metadata.name]);
      const portNames = new Set((container.ports as { name: string }[]).map((p) => p.name));
      for (const port of services[0]!.spec.ports)
        expect(portNames.has(port.targetPort), `${d.metadata.name} ${port.targetPort}`).toBe(true);
      for (const probe of [container.readinessProbe, container.livenessProbe]) {
        const port = probe.httpGet?.port ?? probe.tcpSocket?.port;
        expect(portNames.has(port), `${d.metadata.name} probe port ${port}`).toBe(true);
      }
    }
  });

  it("a migration Job, Secrets for IDENTITY_SECRET and DATABASE_URL, and only variables the code reads", () => {
    expect(overlay.find((o) => o.kind === "Job" && o.metadata.name === "migrate")).toBeDefined();
    expect(overlay.some((o) => o.kind === "Secret")).toBe(false); // never committed with values
    const secretKeys = new Set(Object.keys(secretExample[0]!.stringData ?? {}));
    const known = new Set([
      ...Object.keys(subgraphEnvFields.shape),
      ...Object.keys(gatewayEnvSchema.shape),
      "SERVICE_NAME",
      "LOG_LEVEL",
      "MEETINGS_URL",
      "CASES_URL",
    ]);
    const configMaps = new Map(overlay.filter((o) => o.kind === "ConfigMap").map((o) => [o.metadata.name, o.data ?? {}]));
    for (const workload of overlay.filter((o) => o.kind === "Deployment" || o.kind === "Job")) {
      for (const container of workload.spec.template.spec.containers) {
        const env = (container.env ?? []) as {
          name: string;
          value?: string;
          valueFrom?: { secretKeyRef?: { name: string; key: string } };
        }[];
        const names = new Set(env.map((e) => e.name));
        for (const ref of container.envFrom ?? []) {
          const data = configMaps.get(ref.configMapRef.name);
          expect(data, ref.configMapRef.name).toBeDefined();
          for (const name of Object.keys(data!)) names.add(name);
        }
        for (const name of names) expect(known.has(name), `${workload.metadata.name}: ${name}`).toBe(true);
        for (const e of env.filter((x) => x.valueFrom?.secretKeyRef))
          expect(secretKeys.has(e.valueFrom!.secretKeyRef!.key), e.name).toBe(true);
        expect(env.find((e) => e.name === "IDENTITY_SECRET")?.valueFrom?.secretKeyRef).toBeDefined();
        expect(env.find((e) => e.name === "DATABASE_URL")?.valueFrom?.secretKeyRef).toBeDefined();
      }
    }
    // Production settings the code refuses to start without.
    const gateway = { ...configMaps.get("marugoto"), ...configMaps.get("marugoto-gateway") };
    expect(
      gatewayEnvSchema.safeParse({
        ...gateway,
        IDENTITY_SECRET: "x".repeat(32),
        DATABASE_URL: "postgres://a@b/c",
        METRICS_TOKEN: "t".repeat(24),
      }).success,
    ).toBe(true);
    expect(gatewayEnvSchema.safeParse({ ...gateway, IDENTITY_SECRET: "x".repeat(32), DATABASE_URL: "postgres://a@b/c" }).success).toBe(
      false,
    ); // metrics beyond loopback need a token
  });

  it("an Ingress for the gateway's /graphql with WebSocket timeouts, one for the links it hands out (files, calendars) that logs no access, nothing else exposed", () => {
    const ingresses = overlay.filter((o) => o.kind === "Ingress");
    expect(ingresses.map((i) => i.metadata.name)).toEqual(["gateway", "gateway-links"]);
    const [graph, links] = ingresses;
    const annotationsOf = (ingress: K8sObject) => (ingress.metadata as { annotations?: Record<string, string> }).annotations ?? {};
    expect(Number(annotationsOf(graph!)["nginx.ingress.kubernetes.io/proxy-read-timeout"])).toBeGreaterThanOrEqual(3600);
    // A link's path is its secret (a download ticket, a calendar feed's token): no access log keeps it.
    expect(annotationsOf(links!)["nginx.ingress.kubernetes.io/enable-access-log"]).toBe("false");
    expect(annotationsOf(graph!)["nginx.ingress.kubernetes.io/enable-access-log"]).toBeUndefined();
    const routes = (ingress: K8sObject) =>
      ingress.spec.rules.flatMap((r: any) => r.http.paths.map((p: any) => ({ path: p.path, pathType: p.pathType, ...p.backend.service })));
    const gateway = { name: "gateway", port: { name: "http" } };
    // A minutes PDF's download link and a calendar feed are answered by the gateway at these paths.
    expect(FILES_PATH_PREFIX).toBe("/files/");
    expect(CALENDARS_PATH_PREFIX).toBe("/calendars/");
    expect(routes(graph!)).toEqual([{ path: "/graphql", pathType: "Exact", ...gateway }]);
    expect(routes(links!)).toEqual([
      { path: FILES_PATH_PREFIX, pathType: "Prefix", ...gateway },
      { path: CALENDARS_PATH_PREFIX, pathType: "Prefix", ...gateway },
    ]);
    for (const ingress of ingresses) expect(ingress.spec.tls).toEqual([{ hosts: ["graph.example.jp"], secretName: "marugoto-tls" }]);
  });
});

describe("docker-compose.yml", () => {
  const compose = parseYaml(readFileSync(path.join(repoRoot, "docker-compose.yml"), "utf8"), { merge: true }) as {
    services: Record<string, any>;
  };

  it("gives every service a healthcheck, and starts each after what it needs is healthy", () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.healthcheck?.test, name).toBeDefined();
      for (const [dependency, condition] of Object.entries(service.depends_on ?? {})) {
        expect((condition as { condition: string }).condition, `${name} → ${dependency}`).toBe("service_healthy");
      }
    }
    expect(Object.keys(compose.services.gateway.depends_on).sort()).toEqual(["cases", "directory", "hubs", "meetings"]);
    expect(Object.keys(compose.services.cases.depends_on)).toContain("meetings");
  });

  it("has a .dockerignore that keeps local state, secrets and dependencies out of the image", () => {
    const ignored = readFileSync(path.join(repoRoot, ".dockerignore"), "utf8")
      .split("\n")
      .map((l) => l.trim());
    for (const entry of ["node_modules", ".data", ".env", ".git"]) expect(ignored, entry).toContain(entry);
  });
});

describe("Grafana dashboard", () => {
  it("queries only metrics the processes export", async () => {
    const dashboard = JSON.parse(readFileSync(path.join(repoRoot, "ops", "grafana", "marugoto-graph.json"), "utf8")) as {
      panels: { targets: { expr: string }[] }[];
    };
    const exported = new Set((await registry.getMetricsAsJSON()).map((m) => m.name));
    const used = new Set(
      dashboard.panels.flatMap((p) =>
        p.targets.flatMap((t) => [...t.expr.matchAll(/\bmarugoto_[a-z0-9_]+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, ""))),
      ),
    );
    expect(used.size).toBeGreaterThan(10);
    for (const name of used) expect(exported.has(name), name).toBe(true);
  });
});
