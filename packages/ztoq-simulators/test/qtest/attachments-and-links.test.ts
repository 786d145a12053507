import type { qtestApi } from '@ztoq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildEngineContent,
  type EngineContent,
  P,
  PROJECT,
  type QTestTestClient,
  type Started,
  startSimulator,
} from './support.js';

type Schemas = qtestApi.components['schemas'];

let started: Started;
let api: QTestTestClient;
let content: EngineContent;
beforeAll(async () => {
  started = await startSimulator();
  api = started.api;
  content = await buildEngineContent(api);
});
afterAll(() => started.sim.close());

describe('blob-handle uploads', () => {
  it('stores the raw body with the File-Name and Content-Type headers (201), byte for byte', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x0d, 0x0a]);
    const stepLogId = content.log.test_step_logs?.[0]?.test_step_log_id;

    const upload = await api.request<Schemas['AttachmentResource']>(
      'POST',
      `${P}/test-step-logs/${stepLogId}/blob-handles`,
      {
        body: bytes,
        headers: { 'File-Name': 'screenshot.png', 'Content-Type': 'image/png' },
      },
    );
    const listed = await api.get<Schemas['AttachmentResource'][]>(
      `${P}/test-step-logs/${stepLogId}/attachments`,
    );

    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({
      name: 'screenshot.png',
      content_type: 'image/png',
      artifact_id: stepLogId,
    });
    expect(upload.body.author?.email).toBe('admin@simulator.test');
    expect(listed.body.map((attachment) => attachment.id)).toEqual([upload.body.id]);
    const stored = started.sim.store.project(PROJECT)?.attachments.get(upload.body.id ?? 0);
    expect(stored?.data.equals(bytes)).toBe(true);
  });

  it('attaches to test steps and releases too', async () => {
    const headers = { 'File-Name': 'notes.txt', 'Content-Type': 'text/plain' };
    const step = await api.request(
      'POST',
      `${P}/test-steps/${content.testCase.test_steps?.[1]?.id}/blob-handles`,
      {
        body: 'step notes',
        headers,
      },
    );
    const release = await api.request('POST', `${P}/releases/${content.release.id}/blob-handles`, {
      body: 'notes',
      headers,
    });

    expect([step.status, release.status]).toEqual([201, 201]);
  });

  it('stores attachments sent inline in a test-case body, base64 encoded', async () => {
    const created = await api.created<Schemas['TestCaseWithCustomFieldResource']>(
      `${P}/test-cases`,
      {
        name: 'With an inline attachment',
        parent_id: content.childModule.id,
        properties: [],
        attachments: [
          { name: 'data.csv', content_type: 'text/csv', data: Buffer.from('a,b\n1,2').toString('base64') },
        ],
      },
      undefined,
      200,
    );

    const listed = await api.get<Schemas['AttachmentResource'][]>(
      `${P}/test-cases/${created.id}/attachments`,
    );

    expect(listed.body.map((attachment) => attachment.name)).toEqual(['data.csv']);
    const stored = started.sim.store.project(PROJECT)?.attachments.get(listed.body[0]?.id ?? 0);
    expect(stored?.data.toString()).toBe('a,b\n1,2');
  });
});

describe('requirement links', () => {
  it('links test cases to a requirement (200), ignores ids that cannot be linked, and reads the links from both sides', async () => {
    const linked = await api.post<Schemas['LinkedArtifactContainer'][]>(
      `${P}/requirements/${content.requirement.id}/link`,
      [content.testCase.id, 999_999, content.testCase.id],
      { type: 'test-cases' },
    );
    const fromCase = await api.get<Schemas['LinkedArtifactContainer'][]>(`${P}/linked-artifacts`, {
      type: 'test-cases',
      ids: content.testCase.id ?? 0,
    });
    const fromRequirement = await api.get<Schemas['LinkedArtifactContainer'][]>(`${P}/linked-artifacts`, {
      type: 'requirements',
      ids: `${content.requirement.id},424242`,
    });

    expect(linked.status).toBe(200);
    expect(linked.body).toEqual([
      {
        id: content.requirement.id,
        pid: content.requirement.pid,
        objects: [
          expect.objectContaining({
            id: content.testCase.id,
            pid: content.testCase.pid,
            link_type: 'is_covered_by',
          }),
        ],
      },
    ]);
    expect(fromCase.body[0]?.objects?.map((object) => [object.id, object.link_type])).toEqual([
      [content.requirement.id, 'covers'],
    ]);
    expect(fromRequirement.body).toHaveLength(1);
  });

  it('refuses a test case as the source, an unmodelled pair, a missing type and a body that is not an id array', async () => {
    const link = (path: string, body: unknown, query?: Record<string, string>) =>
      api.post(`${P}${path}/link`, body, query);

    const fromTestCase = await link(`/test-cases/${content.testCase.id}`, [content.requirement.id], {
      type: 'requirements',
    });
    const releaseToRun = await link(`/releases/${content.release.id}`, [content.run.id], {
      type: 'test-runs',
    });
    const noType = await link(`/requirements/${content.requirement.id}`, [content.testCase.id]);
    const objects = await link(`/requirements/${content.requirement.id}`, [{ id: content.testCase.id }], {
      type: 'test-cases',
    });
    const missing = await link('/requirements/5', [content.testCase.id], { type: 'test-cases' });

    expect(fromTestCase.body).toEqual({
      message: expect.stringMatching(/objectType must be one of releases, builds, requirements/),
    });
    expect(releaseToRun.body).toEqual({
      message: expect.stringMatching(/links requirements to test-cases only/),
    });
    expect([fromTestCase.status, releaseToRun.status, noType.status, objects.status]).toEqual([
      400, 400, 400, 400,
    ]);
    expect(missing.status).toBe(404);
  });
});
