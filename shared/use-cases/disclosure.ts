import type { Disclosure, DisclosureInput } from '../contracts/verification';
import { ConflictError, ForbiddenError } from '../domain/errors';
import { actorOf } from '../domain/request';
import type { Principal } from '../domain/roles';
import type { Services } from '../runtime/services';
import { ConditionFailedError, transact } from '../store/transact';
import { isOwner } from './access';
import { loadDocument } from './load';

/**
 * The owner decides whether a lookup by the copy's verify code shows what was issued (title,
 * holder's name, the pages) or only its status. Only the citizen the copy was issued to may
 * change it; the change is written to the document's audit trail.
 */
export async function setDisclosure(services: Services, principal: Principal, id: string, input: DisclosureInput): Promise<Disclosure> {
  const doc = await loadDocument(services, id);
  if (!isOwner(principal, doc)) throw new ForbiddenError('Chỉ chủ sở hữu bản sao mới được thay đổi việc hiển thị nội dung khi tra cứu bằng mã kiểm tra.');
  if ((doc.showContent !== false) === input.showContent) return { documentId: id, showContent: input.showContent };
  const at = services.now().toISOString();
  try {
    await transact(services.db, [
      // Conditioned on the status read: a revocation that commits meanwhile is not overwritten.
      services.documents.replaceItem({ ...doc, showContent: input.showContent }, doc.status),
      services.audit.appendItem(`DOC#${id}`, { at, actor: actorOf(principal), action: 'disclosure', data: { showContent: input.showContent } }),
    ]);
  } catch (e) {
    if (e instanceof ConditionFailedError) throw new ConflictError('Bản sao vừa thay đổi; hãy tải lại trang rồi thử lại.', { cause: e });
    throw e;
  }
  return { documentId: id, showContent: input.showContent };
}
