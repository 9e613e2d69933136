import type { IssuedDocument } from '../contracts/requests';
import { registerCopyStatement } from '../domain/attestation';
import { formatVnDate } from '../domain/dates';
import { ConflictError } from '../domain/errors';
import { assertEntitled } from '../domain/entitlement';
import { displayValue } from '../domain/register';
import { formFieldOrder, registerTypeRule } from '../domain/register-types';
import { actorOf } from '../domain/request';
import type { Principal } from '../domain/roles';
import { composeRegisterCopy } from '../pdf/compose-register-copy';
import type { SignerProvider } from '../runtime/signer-provider';
import { assertAgencyOfficial } from './access';
import { competentSigner } from './agency-signers';
import { issueDocument } from './issue-document';
import { assertSignersNotRevoked, type RevocationChecker } from './signer-revocation';
import { loadRequest } from './load';
import type { DirectoryReader, IssuanceServices, RegisterReader, RequestReader, SignerReader } from './ports';

/** What issuing from a register reads besides the issuance: the request, the entry, the seal. */
export type RegisterCopyServices = IssuanceServices & { requests: RequestReader; directory: DirectoryReader; agencySigners: SignerReader; registers: RegisterReader; signers: SignerProvider; revocation: RevocationChecker };

/**
 * Issues a copy from a master register (cấp bản sao từ sổ gốc): rendered from the entry itself,
 * signed with the agency's seal, numbered in the register's copy book — the same issuance
 * machinery as certified copies.
 */
export async function issueRegisterCopy(services: RegisterCopyServices, principal: Principal, requestId: string): Promise<IssuedDocument> {
  const request = await loadRequest(services, requestId);
  assertAgencyOfficial(principal, request.agencyId);
  if (request.kind !== 'register-copy') throw new ConflictError('Hồ sơ này là yêu cầu chứng thực bản sao từ bản chính; hãy dùng thao tác chứng thực.');
  if (request.status !== 'submitted') throw new ConflictError(`Chỉ cấp bản sao cho hồ sơ đã nộp; hồ sơ này đang ở trạng thái "${request.status}".`);
  // Decree 23/2015 Art. 16(2): only to the subject, or to someone whose right an official accepted.
  assertEntitled(request.entitlement);
  // Only a competent signer issues (Decree 23 Art. 5 as amended by Decree 280/2025); the name and
  // the title of their record valid now are printed.
  const signer = await competentSigner(services, principal, request.agencyId, services.now());
  const [agency, register, entry] = await Promise.all([
    services.directory.agency(request.agencyId),
    services.registers.get(request.registerId ?? ''),
    services.registers.entry(request.registerId ?? '', request.entryNo ?? ''),
  ]);
  if (!agency || !register || !entry) throw new ConflictError(`Không còn mục số ${request.entryNo} trong sổ gốc.`);
  const agencySigner = await services.signers.agency(agency.id);
  await assertSignersNotRevoked(services, [{ signer: agencySigner, holder: agency.name }]);
  // The register's own extract form: its fields in the form's order, its way of writing the number.
  const fields = formFieldOrder(register.type, register.fields)
    .filter((f) => entry.data[f.name] !== undefined && entry.data[f.name] !== '')
    .map((f) => ({ label: f.label, value: displayValue(f, entry.data[f.name]) }));

  return issueDocument(services, {
    request,
    actor: actorOf(principal),
    agencyName: agency.name,
    bookCode: register.bookCode,
    render: (n) =>
      composeRegisterCopy({
        agency: { name: agency.name, parentName: agency.parentName },
        copyTitle: register.copyTitle,
        fields,
        entryNo: entry.entryNo,
        numberLabel: registerTypeRule(register.type)?.form.numberLabel,
        signer: { name: signer.fullName, title: signer.title },
        registerTitle: register.title,
        verifyCode: n.verifyCode,
        verifyUrl: n.verifyUrl,
        number: n.seq,
        book: n.book,
        issuedAtText: formatVnDate(n.issuedAt),
        issuerStatement: registerCopyStatement({ registerTitle: register.title, entryNo: entry.entryNo, issuedAt: n.issuedAt, copy: { number: n.seq, book: n.book }, agencyName: agency.name, signer: { fullName: signer.fullName, title: signer.title } }),
        title: request.title,
        createdAt: n.issuedAt,
        signedAt: n.issuedAt,
      }),
    agency: { signer: agencySigner, name: agency.name, reason: 'Cấp bản sao từ sổ gốc' },
    // The book names who issued the copy, with the title of their signer record valid now.
    signer: { fullName: signer.fullName, title: signer.title },
    note: `Sổ gốc: ${register.title}, số ${entry.entryNo}`,
  });
}
