// The SMPP gateway and SMTP relay stand-ins in a process of their own for the providers benchmark, so the desk and
// the servers don't share one event loop. Takes the gateway's system id and password as arguments; prints their
// ports as one line of JSON, and runs until killed.
import { SmppStandIn } from '../tests/helpers/smpp-stand-in';
import { SmtpStandIn } from '../tests/helpers/smtp-stand-in';

const [systemId = '', password = ''] = process.argv.slice(2);
const smpp = await SmppStandIn.start({ systemId, password, receipts: null });
const smtp = await SmtpStandIn.start();
console.log(JSON.stringify({ smppPort: smpp.port, smtpPort: smtp.port }));
