// The simulated HubSpot as the official Node client (@hubspot/api-client) sees it, unchanged: private-app token,
// paging every deal, search with filters, a sort and numeric paging, create and batch create, batch update and read,
// update, pipelines, errors.
// Run by HubSpotClientTest with the version pinned in src/test/js/package.json (installed by install.sh).
// Arguments: base URL, token, number of live deals, a stage id and how many deals are in it, number of pipelines.
const hubspot = require('@hubspot/api-client');
const assert = require('assert');
const [basePath, accessToken, expectedDeals, stage, expectedInStage, expectedPipelines] = process.argv.slice(2);
(async () => {
  const client = new hubspot.Client({ accessToken, basePath });

  const all = await client.crm.deals.getAll(100, undefined, ['dealname', 'dealstage', 'pipeline', 'amount']);
  console.log('getAll', all.length);
  assert.strictEqual(all.length, Number(expectedDeals));
  assert.strictEqual(new Set(all.map(d => d.id)).size, all.length);
  assert.ok(all.every(d => typeof d.properties.dealstage === 'string' && d.createdAt instanceof Date));

  const page = await client.crm.deals.basicApi.getPage(10, undefined, ['dealstage']);
  assert.strictEqual(page.results.length, 10);
  assert.ok(page.paging && page.paging.next && page.paging.next.after, 'a first page of 10 has a next cursor');
  const next = await client.crm.deals.basicApi.getPage(10, page.paging.next.after, ['dealstage']);
  assert.ok(next.results[0].id > page.results[9].id, 'the next page starts after the first');

  const found = [];
  let after = '0';
  let total = -1;
  let searches = 0;
  do {
    const result = await client.crm.deals.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'dealstage', operator: 'EQ', value: stage }] }],
      sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
      properties: ['dealstage', 'amount', 'hs_lastmodifieddate'], limit: 50, after,
    });
    searches++;
    total = result.total;
    found.push(...result.results);
    after = result.paging && result.paging.next ? result.paging.next.after : undefined;
  } while (after);
  console.log(`search ${stage}: total ${total}, ${found.length} found in ${searches} calls`);
  assert.strictEqual(total, Number(expectedInStage));
  assert.strictEqual(found.length, total);
  assert.ok(found.every(d => d.properties.dealstage === stage));
  const stamps = found.map(d => Date.parse(d.properties.hs_lastmodifieddate));
  assert.deepStrictEqual(stamps, [...stamps].sort((a, b) => a - b), 'sorted by hs_lastmodifieddate');

  const ids = all.slice(0, 100).map(d => d.id);
  const updated = await client.crm.deals.batchApi.update({
    inputs: ids.map(id => ({ id, properties: { stagegate_over_staged: 'true', stagegate_qualified_forecast_amount: '1234.5' } })),
  });
  console.log('batch update', updated.status, updated.results.length);
  assert.strictEqual(updated.status, 'COMPLETE');
  assert.strictEqual(updated.results.length, 100);
  const read = await client.crm.deals.batchApi.read({ inputs: ids.slice(0, 3).map(id => ({ id })), properties: ['stagegate_over_staged'], propertiesWithHistory: [] });
  assert.ok(read.results.every(d => d.properties.stagegate_over_staged === 'true'));

  const one = await client.crm.deals.basicApi.update(ids[0], { properties: { stagegate_stage_skip: 'true' } });
  assert.strictEqual(one.properties.stagegate_stage_skip, 'true');

  const contact = [{ to: { id: '51000000001' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 3 }] }];
  const created = await client.crm.deals.basicApi.create({ properties: { dealname: 'Created by the Node client', dealstage: stage, amount: '900' }, associations: contact });
  console.log('create', created.id, created.properties.dealstage, created.properties.pipeline);
  assert.strictEqual(created.properties.dealname, 'Created by the Node client');
  assert.ok(created.createdAt instanceof Date);
  const batch = await client.crm.deals.batchApi.create({ inputs: [1, 2, 3].map(n => ({ properties: { dealname: `Batch ${n}`, dealstage: stage }, associations: [] })) });
  console.log('batch create', batch.status, batch.results.map(d => d.id).join(','));
  assert.strictEqual(batch.status, 'COMPLETE');
  assert.strictEqual(batch.results.length, 3);
  const withCreated = await client.crm.deals.getAll(100);
  console.log('getAll after creates', withCreated.length);
  assert.strictEqual(withCreated.length, Number(expectedDeals) + 4);
  const contacts = await client.crm.deals.basicApi.getById(created.id, ['num_associated_contacts'], undefined, ['contacts']);
  assert.strictEqual(contacts.properties.num_associated_contacts, '1');
  assert.strictEqual(contacts.associations.contacts.results[0].id, '51000000001');

  const pipelines = await client.crm.pipelines.pipelinesApi.getAll('deals');
  console.log('pipelines', pipelines.results.map(p => `${p.id}:${p.stages.length}`).join(' '));
  assert.strictEqual(pipelines.results.length, Number(expectedPipelines));
  assert.ok(pipelines.results.every(p => p.stages.every(s => typeof s.metadata.probability === 'string')));

  try {
    await client.crm.deals.basicApi.getById('999');
    assert.fail('expected a 404');
  } catch (e) {
    console.log('error', e.code, e.body && e.body.category);
    assert.strictEqual(e.code, 404);
    assert.strictEqual(e.body.category, 'OBJECT_NOT_FOUND');
  }
  console.log('HUBSPOT OK');
})().catch(e => { console.error('FAILED', e); process.exit(1); });
