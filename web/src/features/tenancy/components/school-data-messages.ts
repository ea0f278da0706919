import { defineMessages } from '../../../lib/i18n/catalogue.ts'

/** A school's data rights in its settings (owners): hand over, export, delete; and the admins' banner. */
export const schoolDataMessages = defineMessages({
  en: {
    'schoolData.title': 'Ownership and the school’s data',
    'schoolData.text': 'Only owners see this part.',
    'transfer.title': 'Transfer ownership',
    'transfer.text': 'Make one of the school’s admins its owner. You stay on as an admin.',
    'transfer.open': 'Transfer ownership…',
    'transfer.none': 'Make someone an admin first: ownership goes to an admin.',
    'transfer.dialogTitle': 'Transfer ownership of {school}?',
    'transfer.dialogText':
      'They become the owner and you become an admin, at once. Enter your password to confirm.',
    'transfer.to': 'New owner',
    'transfer.password': 'Your password',
    'transfer.passwordMissing': 'Enter your password.',
    'transfer.confirm': 'Transfer ownership',
    'transfer.done': '{name} now owns {school}.',
    'export.title': 'Export the school’s data',
    'export.text':
      'One JSON file with every table of the school: members’ profiles, courses, lessons, work, grades, support, payments and the audit log.',
    'export.download': 'Export school data',
    'export.downloading': 'Preparing the file…',
    'export.done': 'The school’s data is downloaded.',
    'delete.title': 'Delete the school',
    'delete.text':
      'Everything in the school is deleted 30 days after you ask; any owner can cancel before then. Payment records are kept, without the school’s name.',
    'delete.open': 'Delete school…',
    'delete.dialogTitle': 'Delete {school}?',
    'delete.dialogText':
      'All its members, courses, work and messages will be deleted in 30 days. Export its data first if you want to keep it.',
    'delete.confirm': 'Delete in 30 days',
    'delete.requested': 'The school will be deleted on {date}.',
    'delete.pending': 'This school will be deleted on {date} (asked by {name}).',
    'delete.cancel': 'Cancel deletion',
    'delete.cancelled': 'The deletion is cancelled.',
    'banner.text':
      'This school and all its data will be deleted on {date}. An owner can cancel this in the settings.',
    'banner.link': 'Settings',
    'admin.title': 'Schools waiting to be deleted',
    'admin.empty': 'No school is waiting to be deleted.',
    'admin.school': 'School',
    'admin.due': 'Deleted on',
    'admin.asked': 'Asked by',
  },
  sw: {
    'schoolData.title': 'Umiliki na data ya shule',
    'schoolData.text': 'Wamiliki pekee ndio wanaoona sehemu hii.',
    'transfer.title': 'Kabidhi umiliki',
    'transfer.text': 'Mfanye mmoja wa wasimamizi wa shule kuwa mmiliki wake. Utabaki kama msimamizi.',
    'transfer.open': 'Kabidhi umiliki…',
    'transfer.none': 'Mfanye mtu kuwa msimamizi kwanza: umiliki hupewa msimamizi.',
    'transfer.dialogTitle': 'Ukabidhi umiliki wa {school}?',
    'transfer.dialogText':
      'Yeye anakuwa mmiliki na wewe unakuwa msimamizi, papo hapo. Weka neno lako la siri kuthibitisha.',
    'transfer.to': 'Mmiliki mpya',
    'transfer.password': 'Neno lako la siri',
    'transfer.passwordMissing': 'Weka neno lako la siri.',
    'transfer.confirm': 'Kabidhi umiliki',
    'transfer.done': '{name} sasa ndiye mmiliki wa {school}.',
    'export.title': 'Hamisha data ya shule',
    'export.text':
      'Faili moja la JSON lenye kila jedwali la shule: wasifu wa wanachama, kozi, masomo, kazi, alama, msaada, malipo na kumbukumbu ya ukaguzi.',
    'export.download': 'Hamisha data ya shule',
    'export.downloading': 'Tunaandaa faili…',
    'export.done': 'Data ya shule imepakuliwa.',
    'delete.title': 'Futa shule',
    'delete.text':
      'Kila kitu shuleni kinafutwa siku 30 baada ya kuomba; mmiliki yeyote anaweza kusitisha kabla ya hapo. Kumbukumbu za malipo zinabaki, bila jina la shule.',
    'delete.open': 'Futa shule…',
    'delete.dialogTitle': 'Ufute {school}?',
    'delete.dialogText':
      'Wanachama wake wote, kozi, kazi na ujumbe vitafutwa baada ya siku 30. Hamisha data yake kwanza ukitaka kuiweka.',
    'delete.confirm': 'Futa baada ya siku 30',
    'delete.requested': 'Shule itafutwa tarehe {date}.',
    'delete.pending': 'Shule hii itafutwa tarehe {date} (imeombwa na {name}).',
    'delete.cancel': 'Sitisha kufuta',
    'delete.cancelled': 'Kufuta kumesitishwa.',
    'banner.text':
      'Shule hii na data yake yote itafutwa tarehe {date}. Mmiliki anaweza kusitisha hili katika mipangilio.',
    'banner.link': 'Mipangilio',
    'admin.title': 'Shule zinazosubiri kufutwa',
    'admin.empty': 'Hakuna shule inayosubiri kufutwa.',
    'admin.school': 'Shule',
    'admin.due': 'Itafutwa tarehe',
    'admin.asked': 'Imeombwa na',
  },
})
