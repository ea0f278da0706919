import { defineMessages } from '../../lib/i18n/catalogue.ts'

/** The public home page. */
export const messages = defineMessages({
  en: {
    'hero.badge': 'For schools in Kenya and beyond',
    'hero.titleStart': 'Every lesson,',
    'hero.titleLive': 'live',
    'hero.text':
      'Kipindi brings lesson co-authoring, video tutoring, an AI tutor and a support desk into one place for your instructors, students and parents.',
    'hero.createSchool': 'Create your school',
    'hero.dashboard': 'Go to your dashboard',
    'hero.explore': 'Explore features',
    'hero.promises': 'Free to start · Works on any phone browser · No installs',

    'preview.course': 'Form 2 Biology · Photosynthesis',
    'preview.heading': 'How plants make food',
    'preview.before': 'Leaves capture light energy with',
    'preview.term': 'chlorophyll',
    'preview.after': 'and turn water and carbon dioxide into glucose.',
    'preview.equation': 'Key equation',
    'preview.tryIt': 'Try it: cover a leaf with foil for two days, then test it for starch',
    'preview.tutor': 'AI tutor: “Why do leaves need light?” — answered from this lesson',

    'features.title': 'One platform for the whole school day',
    'features.text':
      'Kipindi means “lesson period” in Swahili. Everything that happens around a lesson lives here.',
    'feature.coauthor.title': 'Co-author lessons live',
    'feature.coauthor.text':
      'Instructors write lessons together in real time, see each other’s cursors, and publish a version when it is ready.',
    'feature.video.title': 'Video tutoring',
    'feature.video.text':
      'Students book a slot from a tutor’s schedule and meet face to face in a video room, right in the browser.',
    'feature.aiTutor.title': 'An AI tutor that knows your lessons',
    'feature.aiTutor.text':
      'Students ask questions at any hour; answers are grounded in the course’s own published lessons, not the whole internet.',
    'feature.support.title': 'A support desk for your school',
    'feature.support.text':
      'Staff answer parents and students in live chat, with tickets, assignment and escalation when replies run late.',
    'extra.data.title': 'Light on data',
    'extra.data.text': 'Small pages that load fast on a phone over mobile data.',
    'extra.roles.title': 'A role for everyone',
    'extra.roles.text': 'Owners, admins, instructors, staff, students and parents each see what they need.',
    'extra.private.title': 'Private by design',
    'extra.private.text': 'Every school’s data is walled off in the database itself, not just in the app.',
    'extra.schools.title': 'Many schools, one account',
    'extra.schools.text': 'Teach at two schools? Switch between them from one sign-in.',

    'steps.title': 'Up and running this afternoon',
    'step.create.title': 'Create your school',
    'step.create.text': 'Pick a name and an address. You become its owner.',
    'step.invite.title': 'Invite your people',
    'step.invite.text': 'Send invitations by email to instructors, staff, students and parents.',
    'step.teach.title': 'Start teaching',
    'step.teach.text': 'Write lessons together, meet students, and answer questions live.',

    'cta.title': 'Bring your school to Kipindi',
    'cta.text': 'Set it up in two minutes, invite your first instructor, and teach your next lesson live.',
    'cta.start': 'Start now — it’s free',
  },
  sw: {
    'hero.badge': 'Kwa shule za Kenya na kwingineko',
    'hero.titleStart': 'Kila somo,',
    'hero.titleLive': 'moja kwa moja',
    'hero.text':
      'Kipindi kinaleta pamoja uandishi wa masomo kwa ushirikiano, mafunzo kwa video, mkufunzi wa AI na dawati la msaada kwa walimu, wanafunzi na wazazi wako.',
    'hero.createSchool': 'Anzisha shule yako',
    'hero.dashboard': 'Nenda kwenye dashibodi yako',
    'hero.explore': 'Gundua vipengele',
    'hero.promises': 'Bure kuanza · Hufanya kazi kwenye kivinjari chochote cha simu · Hakuna cha kusakinisha',

    'preview.course': 'Biolojia Kidato cha 2 · Usanisinuru',
    'preview.heading': 'Jinsi mimea inavyotengeneza chakula',
    'preview.before': 'Majani hunasa nishati ya mwanga kwa',
    'preview.term': 'klorofili',
    'preview.after': 'na kugeuza maji na kaboni dioksidi kuwa glukosi.',
    'preview.equation': 'Mlinganyo mkuu',
    'preview.tryIt': 'Jaribu: funika jani kwa karatasi ya bati kwa siku mbili, kisha lipime kama lina wanga',
    'preview.tutor': 'Mkufunzi wa AI: “Kwa nini majani yanahitaji mwanga?” — limejibiwa kutoka somo hili',

    'features.title': 'Jukwaa moja kwa siku nzima ya shule',
    'features.text': '“Kipindi” ni muda wa somo darasani. Kila kinachotokea kuhusu somo kinapatikana hapa.',
    'feature.coauthor.title': 'Andikeni masomo pamoja, moja kwa moja',
    'feature.coauthor.text':
      'Walimu huandika masomo pamoja kwa wakati halisi, huona vielekezi vya wenzao, na huchapisha toleo likiwa tayari.',
    'feature.video.title': 'Mafunzo kwa video',
    'feature.video.text':
      'Wanafunzi huchagua nafasi kwenye ratiba ya mkufunzi na kukutana naye ana kwa ana katika chumba cha video, ndani ya kivinjari.',
    'feature.aiTutor.title': 'Mkufunzi wa AI anayejua masomo yenu',
    'feature.aiTutor.text':
      'Wanafunzi huuliza maswali saa yoyote; majibu yanatokana na masomo yaliyochapishwa ya kozi yenyewe, si mtandao mzima.',
    'feature.support.title': 'Dawati la msaada kwa shule yako',
    'feature.support.text':
      'Wahudumu huwajibu wazazi na wanafunzi kwa gumzo la moja kwa moja, kwa tiketi, ugawaji wa kazi na upandishaji majibu yanapochelewa.',
    'extra.data.title': 'Hutumia data kidogo',
    'extra.data.text': 'Kurasa ndogo zinazofunguka haraka kwenye simu kwa data ya simu.',
    'extra.roles.title': 'Jukumu kwa kila mtu',
    'extra.roles.text':
      'Wamiliki, wasimamizi, walimu, wahudumu, wanafunzi na wazazi, kila mmoja huona anachohitaji.',
    'extra.private.title': 'Faragha tangu mwanzo',
    'extra.private.text':
      'Data ya kila shule imetengwa ndani ya hifadhidata yenyewe, si ndani ya programu tu.',
    'extra.schools.title': 'Shule nyingi, akaunti moja',
    'extra.schools.text': 'Unafundisha katika shule mbili? Hamia kati yake ukiwa umeingia mara moja.',

    'steps.title': 'Mnaanza kazi leo mchana',
    'step.create.title': 'Anzisha shule yako',
    'step.create.text': 'Chagua jina na anwani. Wewe unakuwa mmiliki wake.',
    'step.invite.title': 'Alika watu wako',
    'step.invite.text': 'Tuma mialiko kwa barua pepe kwa walimu, wahudumu, wanafunzi na wazazi.',
    'step.teach.title': 'Anza kufundisha',
    'step.teach.text': 'Andikeni masomo pamoja, kutana na wanafunzi, na jibu maswali moja kwa moja.',

    'cta.title': 'Leta shule yako Kipindi',
    'cta.text':
      'Iandae kwa dakika mbili, mwalike mwalimu wako wa kwanza, na ufundishe somo lako lijalo moja kwa moja.',
    'cta.start': 'Anza sasa — ni bure',
  },
})
