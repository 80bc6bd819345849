// Realistic commands that carry a secret, with the secret itself: the redaction unit test checks
// each one is redacted and keeps its shape; the leak test plants them in transcripts and greps the
// store and every output for the secret. Every secret is unique so a hit names its form.

export interface PlantedSecret {
  form: string;
  command: string;
  /** Substrings that must never appear anywhere after redaction. */
  secrets: string[];
}

export const PLANTED: PlantedSecret[] = [
  {
    form: 'sshpass -p',
    command: 'sshpass -p Sshp4ssW0rd ssh -p 2222 deploy@web1 uptime',
    secrets: ['Sshp4ssW0rd'],
  },
  { form: 'sshpass -pX', command: 'sshpass -pSshAtt4ched ssh deploy@web1 uptime', secrets: ['SshAtt4ched'] },
  {
    form: 'gpg --passphrase',
    command: 'gpg --batch --passphrase GpgPhr4se --decrypt secrets.gpg',
    secrets: ['GpgPhr4se'],
  },
  {
    form: 'gpg --passphrase=',
    command: 'gpg --batch --passphrase="gpg long phrase" -d x.gpg',
    secrets: ['gpg long phrase'],
  },
  {
    form: 'docker login -p',
    command: 'docker login -u ci -p DockPw77x registry.example.com',
    secrets: ['DockPw77x'],
  },
  {
    form: 'docker login --password',
    command: 'docker login --username ci --password DockPw88y ghcr.io',
    secrets: ['DockPw88y'],
  },
  { form: 'podman login -p', command: 'podman login -u me -p PodPw55 quay.io', secrets: ['PodPw55'] },
  { form: 'mysql -pX', command: 'mysql -u root -pMyTopSecret -h 127.0.0.1 app', secrets: ['MyTopSecret'] },
  { form: 'mysql --password=', command: 'mysql --password=MyEqSecret -u root', secrets: ['MyEqSecret'] },
  { form: 'mysqldump -p', command: 'mysqldump -uroot -pDumpS3cret app > dump.sql', secrets: ['DumpS3cret'] },
  {
    form: 'psql URL',
    command: 'psql postgresql://app:PgUrlPw9@db.internal:5432/app -c "select 1"',
    secrets: ['PgUrlPw9'],
  },
  {
    form: 'psql conninfo',
    command: 'psql "host=db user=app password=PgConnPw3 dbname=app"',
    secrets: ['PgConnPw3'],
  },
  { form: 'PGPASSWORD=', command: 'PGPASSWORD=PgEnvPw4 psql -h db -U app', secrets: ['PgEnvPw4'] },
  {
    form: 'curl -u',
    command: 'curl -u admin:CurlUserPw https://api.example.com/v1',
    secrets: ['CurlUserPw'],
  },
  {
    form: 'curl -uX',
    command: 'curl -sS -uadmin:CurlAttPw https://api.example.com/v1',
    secrets: ['CurlAttPw'],
  },
  {
    form: 'curl -d JSON',
    command: `curl -X POST -H 'Content-Type: application/json' -d '{"username":"bob","password":"JsonPw123"}' https://api.example.com/login`,
    secrets: ['JsonPw123'],
  },
  {
    form: 'curl -d escaped JSON',
    command: 'curl -d "{\\"api_token\\":\\"JsonTok456\\"}" https://api.example.com',
    secrets: ['JsonTok456'],
  },
  {
    form: 'curl form',
    command: 'curl -d "user=bob&password=FormPw789" https://x.example.com/login',
    secrets: ['FormPw789'],
  },
  {
    form: 'curl -b',
    command: "curl -b 'session=CookieSess1; csrftoken=CookieCsrf2' https://x.example.com",
    secrets: ['CookieSess1', 'CookieCsrf2'],
  },
  {
    form: 'curl --cookie',
    command: 'curl --cookie "sid=CookieSid3" https://x.example.com',
    secrets: ['CookieSid3'],
  },
  {
    form: 'curl -H Authorization',
    command: "curl -H 'Authorization: Bearer AuthBear9z' https://api.example.com",
    secrets: ['AuthBear9z'],
  },
  {
    form: 'curl -H Cookie',
    command: 'curl -H "Cookie: a=HdrCook1; b=HdrCook2" https://x.example.com',
    secrets: ['HdrCook1', 'HdrCook2'],
  },
  {
    form: 'curl -H X-Api-Key',
    command: "curl -H 'X-Api-Key: ApiKeyHdr5' https://api.example.com",
    secrets: ['ApiKeyHdr5'],
  },
  { form: '--token', command: 'kubectl --token KubeTok42 get pods', secrets: ['KubeTok42'] },
  { form: '--token=', command: 'vault login --token=VaultTok43 -method=token', secrets: ['VaultTok43'] },
  {
    form: '--api-key',
    command: 'some-cli deploy --api-key ApiKeyFlag6 --region eu',
    secrets: ['ApiKeyFlag6'],
  },
  {
    form: '--secret',
    command: 'tool --client-id abc --client-secret ClientSec7 run',
    secrets: ['ClientSec7'],
  },
  {
    form: '--password (generic)',
    command: 'mongosh --username admin --password MongoPw8 mongodb://db',
    secrets: ['MongoPw8'],
  },
  { form: 'redis-cli -a', command: 'redis-cli -h cache -a RedisPw10 ping', secrets: ['RedisPw10'] },
  {
    form: 'openssl -passin',
    command: 'openssl rsa -in key.pem -passin pass:OsslPw11 -out plain.pem',
    secrets: ['OsslPw11'],
  },
  { form: 'zip -P', command: 'zip -P ZipPw12 -r out.zip dir', secrets: ['ZipPw12'] },
  { form: 'ldapsearch -w', command: 'ldapsearch -x -D cn=admin -w LdapPw13 -b dc=x', secrets: ['LdapPw13'] },
  { form: 'htpasswd -b', command: 'htpasswd -b .htpasswd alice HtPw14', secrets: ['HtPw14'] },
  { form: 'env assignment', command: 'GITHUB_TOKEN=EnvGhTok15 gh pr list', secrets: ['EnvGhTok15'] },
  {
    form: 'export',
    command: 'export AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
    secrets: ['wJalrXUtnFEMI'],
  },
  {
    form: 'docker -e',
    command: 'docker run -e POSTGRES_PASSWORD=DockEnvPw16 postgres:16',
    secrets: ['DockEnvPw16'],
  },
  { form: 'bash -c env', command: "bash -c 'DB_PASSWORD=InnerPw17 ./migrate.sh'", secrets: ['InnerPw17'] },
  {
    form: 'ssh remote mysql',
    command: 'ssh db1 \'mysql -uroot -pRemoteMy18 -e "show tables"\'',
    secrets: ['RemoteMy18'],
  },
  {
    form: 'URL user:pass',
    command: 'git clone https://bob:GitUrlPw19@git.example.com/x/y.git',
    secrets: ['GitUrlPw19'],
  },
  {
    form: 'AWS key id',
    command: 'aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE',
    secrets: ['AKIAIOSFODNN7EXAMPLE'],
  },
  {
    form: 'ghp token',
    command: 'echo ghp_abcdefghijklmnopqrstuvwxyz0123456789 | gh auth login --with-token',
    secrets: ['ghp_abcdefghijklmnop'],
  },
  {
    form: 'sk- key',
    command: 'llm keys set openai --value sk-proj-Abcdefghijklmnop1234567890',
    secrets: ['Abcdefghijklmnop1234567890'],
  },
  {
    form: 'JWT',
    command:
      'http GET api.example.com/me x-token:eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    secrets: ['dozjgNryP4J3jVmNHl0w5N'],
  },
  {
    form: 'base64 key material',
    command: 'wrangler secret put KEY --value Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MEFCQ0RFRkdISUpLTE1O',
    secrets: ['Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5'],
  },
  {
    form: 'hex key material',
    command: 'age-tool import 3f7a9c2e1b4d6f8a0c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c',
    secrets: ['3f7a9c2e1b4d6f8a0c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c'],
  },
];
