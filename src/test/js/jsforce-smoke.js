// The simulated Salesforce as jsforce (3.x) sees it, unchanged: login, paging (autoFetch, queryMore, batchSize), single
// and collection creates and updates, describe, limits, identity, errors.
// Run by JsforceClientTest with the jsforce version pinned in src/test/js/package.json (installed by install.sh).
// Arguments: instance URL, client id, client secret, number of opportunities seeded.
const jsforce = require('jsforce');
const assert = require('assert');
const [instance, clientId, clientSecret, expected] = process.argv.slice(2);
(async () => {
  const conn = new jsforce.Connection({ oauth2: { loginUrl: instance, clientId, clientSecret }, version: '62.0' });
  await conn.authorize({ grant_type: 'client_credentials' });
  console.log('instanceUrl', conn.instanceUrl, 'user', conn.userInfo && conn.userInfo.id);
  const all = await conn.query('SELECT Id, Name, StageName, Amount, SystemModstamp FROM Opportunity ORDER BY Id').run({ autoFetch: true, maxFetch: 100000 });
  console.log('query', all.totalSize, all.records.length, all.done);
  assert.strictEqual(all.records.length, Number(expected));
  assert.strictEqual(new Set(all.records.map(r => r.Id)).size, Number(expected));
  const first = await conn.query('SELECT Id FROM Opportunity');
  assert.strictEqual(first.done, false);
  const more = await conn.queryMore(first.nextRecordsUrl);
  console.log('queryMore', more.records.length);
  let fetches = 0;
  const small = conn.query('SELECT Id FROM Opportunity ORDER BY Id');
  small.on('fetch', () => fetches++);
  const paged = await small.run({ autoFetch: true, maxFetch: 100000, headers: { 'Sforce-Query-Options': 'batchSize=200' } });
  console.log(`batchSize 200: ${fetches} fetches of ${paged.records.length} records`);
  assert.strictEqual(paged.records.length, Number(expected));
  assert.strictEqual(fetches, Math.ceil(Number(expected) / 200));
  const one = all.records[0].Id, two = all.records[1].Id;
  const single = await conn.sobject('Opportunity').update({ Id: one, Stage_Skip__c: true });
  console.log('update single', JSON.stringify(single));
  assert.strictEqual(single.success, true);
  const many = await conn.sobject('Opportunity').update([{ Id: one, Over_Staged__c: true }, { Id: two, StageName: 'Nope' }], { allOrNone: false });
  console.log('update many', JSON.stringify(many));
  assert.strictEqual(many[0].success, true);
  assert.strictEqual(many[1].success, false);
  const created = await conn.sobject('Opportunity').create({ Name: 'Created by jsforce', StageName: 'Prospecting', CloseDate: '2026-12-31', Amount: 1200 });
  console.log('create single', JSON.stringify(created));
  assert.strictEqual(created.success, true);
  const batch = await conn.sobject('Opportunity').create([1, 2, 3].map(n => ({ Name: `Batch ${n}`, StageName: 'Qualification', CloseDate: '2026-11-30' })),
    { allOrNone: true });
  console.log('create collection', batch.map(r => r.success).join(','));
  assert.ok(batch.every(r => r.success && r.id));
  try {
    await conn.sobject('Opportunity').create({ Name: 'No stage' });
    assert.fail('expected REQUIRED_FIELD_MISSING');
  } catch (e) {
    console.log('create error', e.errorCode, e.message);
    assert.strictEqual(e.errorCode, 'REQUIRED_FIELD_MISSING');
  }
  const count = await conn.query('SELECT COUNT() FROM Opportunity');
  console.log('count after creates', count.totalSize);
  assert.strictEqual(count.totalSize, Number(expected) + 4);
  const fresh = await conn.sobject('Opportunity').retrieve(created.id);
  assert.strictEqual(fresh.Name, 'Created by jsforce');
  assert.strictEqual(fresh.Probability, 10);
  const rec = await conn.sobject('Opportunity').retrieve(one);
  assert.strictEqual(rec.Stage_Skip__c, true);
  assert.strictEqual(rec.Over_Staged__c, true);
  const d = await conn.sobject('Opportunity').describe();
  console.log('describe', d.name, d.fields.length, d.keyPrefix);
  const limits = await conn.limits();
  console.log('limits', JSON.stringify(limits.DailyApiRequests));
  console.log('limitInfo', JSON.stringify(conn.limitInfo));
  const me = await conn.identity();
  console.log('identity', me.username);
  try {
    await conn.query('SELECT Id FROM Opportunity GROUP BY Name');
    assert.fail('expected an error');
  } catch (e) {
    console.log('error', e.errorCode || e.name, (e.message || '').split('\n').pop());
    assert.strictEqual(e.errorCode || e.name, 'MALFORMED_QUERY');
  }
  console.log('JSFORCE OK');
})().catch(e => { console.error('FAILED', e); process.exit(1); });
