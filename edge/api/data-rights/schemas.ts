import * as D from '../../contract/data-rights.ts'
import { named } from '../core/openapi.ts'

// The data-rights contract's schemas as the OpenAPI document shows them; every routes file of the
// feature imports this module before building its routes.

named(D.DeleteAccountBody, 'DeleteAccount')
named(D.TransferOwnershipBody, 'TransferOwnership')
named(D.OwnershipTransferred, 'OwnershipTransferred')
named(D.SchoolDeletion, 'SchoolDeletion')
named(D.PendingSchoolDeletions, 'PendingSchoolDeletions')
named(D.SchoolExport, 'SchoolExport')
