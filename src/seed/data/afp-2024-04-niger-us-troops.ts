import type { SeedDispatch } from '../seed.types.js';

/**
 * AFP dispatch (French original), April 2024: the United States agrees to pull
 * its troops out of Niger. Source: shared/seeds/afp-2024-04-niger-us-troops.fr.txt.
 * Mention counts and choices are documented in ./README.md.
 */
export const nigerUsTroops: SeedDispatch = {
  entities: [
    {
      key: 'united-states',
      type: 'PLACE',
      wikidataId: 'Q30',
      fr: {
        name: 'États-Unis',
        description: "Pays fédéral d'Amérique du Nord dont la capitale est Washington.",
        aliases: ['Etats-Unis', 'USA', "États-Unis d'Amérique", "Etats-Unis d'Amérique"],
      },
      en: {
        name: 'United States',
        description: 'Federal country in North America whose capital is Washington.',
        aliases: ['US', 'U.S.', 'USA', 'United States of America'],
      },
    },
    {
      key: 'niger',
      type: 'PLACE',
      wikidataId: 'Q1032',
      fr: {
        name: 'Niger',
        description: "Pays enclavé d'Afrique de l'Ouest, dans le Sahel, dont la capitale est Niamey.",
        aliases: ['République du Niger'],
      },
      en: {
        name: 'Niger',
        description: 'Landlocked West African country in the Sahel whose capital is Niamey.',
        aliases: ['Republic of Niger'],
      },
    },
    {
      key: 'niamey',
      type: 'PLACE',
      wikidataId: 'Q3674',
      fr: {
        name: 'Niamey',
        description: 'Capitale et plus grande ville du Niger, sur le fleuve Niger.',
        aliases: [],
      },
      en: {
        name: 'Niamey',
        description: 'Capital and largest city of Niger, on the Niger River.',
        aliases: [],
      },
    },
    {
      key: 'russia',
      type: 'PLACE',
      wikidataId: 'Q159',
      fr: {
        name: 'Russie',
        description: "Pays transcontinental d'Europe de l'Est et d'Asie du Nord dont la capitale est Moscou.",
        aliases: ['fédération de Russie', 'Fédération de Russie'],
      },
      en: {
        name: 'Russia',
        description: 'Transcontinental country in Eastern Europe and Northern Asia whose capital is Moscow.',
        aliases: ['Russian Federation'],
      },
    },
    {
      key: 'washington',
      type: 'PLACE',
      wikidataId: 'Q61',
      fr: {
        name: 'Washington',
        description: 'Capitale fédérale des États-Unis, souvent employée pour désigner le gouvernement américain.',
        aliases: ['Washington D.C.', 'Washington DC'],
      },
      en: {
        name: 'Washington',
        description: 'Federal capital of the United States, often used to refer to the US government.',
        aliases: ['Washington, D.C.', 'Washington DC'],
      },
    },
    {
      key: 'kurt-campbell',
      type: 'PERSON',
      wikidataId: null,
      fr: {
        name: 'Kurt Campbell',
        description: "Diplomate américain, secrétaire d'État adjoint des États-Unis depuis février 2024.",
        aliases: ['Campbell', 'Kurt M. Campbell'],
      },
      en: {
        name: 'Kurt Campbell',
        description: 'American diplomat, US Deputy Secretary of State since February 2024.',
        aliases: ['Campbell', 'Kurt M. Campbell'],
      },
    },
    {
      key: 'ali-mahamane-lamine-zeine',
      type: 'PERSON',
      wikidataId: null,
      fr: {
        name: 'Ali Mahamane Lamine Zeine',
        description: 'Économiste et homme politique nigérien, nommé Premier ministre par le régime militaire en août 2023.',
        aliases: ['Zeine', 'Lamine Zeine', 'Ali Lamine Zeine'],
      },
      en: {
        name: 'Ali Mahamane Lamine Zeine',
        description: 'Nigerien economist and politician, appointed prime minister by the military regime in August 2023.',
        aliases: ['Zeine', 'Lamine Zeine', 'Ali Lamine Zeine'],
      },
    },
    {
      key: 'afp',
      type: 'ORGANIZATION',
      wikidataId: 'Q40464',
      fr: {
        name: 'Agence France-Presse',
        description: 'Agence de presse mondiale dont le siège est à Paris.',
        aliases: ['AFP'],
      },
      en: {
        name: 'Agence France-Presse',
        description: 'Global news agency headquartered in Paris.',
        aliases: ['AFP'],
      },
    },
    {
      key: 'us-state-department',
      type: 'ORGANIZATION',
      wikidataId: 'Q789915',
      fr: {
        name: "Département d'État des États-Unis",
        description: 'Ministère chargé des affaires étrangères du gouvernement fédéral américain.',
        aliases: ["département d'Etat", "département d'État", "Département d'État"],
      },
      en: {
        name: 'United States Department of State',
        description: 'Federal executive department responsible for US foreign affairs.',
        aliases: ['State Department', 'US State Department', 'Department of State'],
      },
    },
    {
      key: 'mohamed-bazoum',
      type: 'PERSON',
      wikidataId: null,
      fr: {
        name: 'Mohamed Bazoum',
        description: "Homme politique nigérien, président du Niger de 2021 à son renversement par le coup d'État de juillet 2023.",
        aliases: ['Bazoum'],
      },
      en: {
        name: 'Mohamed Bazoum',
        description: 'Nigerien politician, president of Niger from 2021 until he was overthrown in the July 2023 coup.',
        aliases: ['Bazoum'],
      },
    },
    {
      key: 'france',
      type: 'PLACE',
      wikidataId: 'Q142',
      fr: {
        name: 'France',
        description: "Pays d'Europe de l'Ouest, ancienne puissance coloniale au Niger.",
        aliases: ['République française', 'ex-puissance coloniale française'],
      },
      en: {
        name: 'France',
        description: 'Western European country and former colonial power in Niger.',
        aliases: ['French Republic'],
      },
    },
    {
      key: 'mali',
      type: 'PLACE',
      wikidataId: 'Q912',
      fr: {
        name: 'Mali',
        description: "Pays enclavé d'Afrique de l'Ouest, voisin du Niger, dirigé par des militaires depuis 2020.",
        aliases: ['République du Mali'],
      },
      en: {
        name: 'Mali',
        description: 'Landlocked West African country bordering Niger, ruled by the military since 2020.',
        aliases: ['Republic of Mali'],
      },
    },
    {
      key: 'burkina-faso',
      type: 'PLACE',
      wikidataId: 'Q965',
      fr: {
        name: 'Burkina Faso',
        description: "Pays enclavé d'Afrique de l'Ouest, voisin du Niger, dirigé par des militaires depuis 2022.",
        aliases: ['Burkina'],
      },
      en: {
        name: 'Burkina Faso',
        description: 'Landlocked West African country bordering Niger, ruled by the military since 2022.',
        aliases: ['Burkina'],
      },
    },
    {
      key: 'sahel',
      type: 'PLACE',
      wikidataId: null,
      fr: {
        name: 'Sahel',
        description: "Bande semi-aride d'Afrique s'étendant de l'Atlantique à la mer Rouge, au sud du Sahara.",
        aliases: ['bande sahélienne'],
      },
      en: {
        name: 'Sahel',
        description: 'Semi-arid belt of Africa stretching from the Atlantic to the Red Sea, south of the Sahara.',
        aliases: ['Sahel region'],
      },
    },
    {
      key: 'agadez',
      type: 'PLACE',
      wikidataId: null,
      fr: {
        name: 'Agadez',
        description: 'Ville du nord du Niger, où se trouve une importante base de drones américaine.',
        aliases: [],
      },
      en: {
        name: 'Agadez',
        description: 'City in northern Niger, site of a major US drone base.',
        aliases: ['Agades'],
      },
    },
    {
      key: 'africa-corps',
      type: 'ORGANIZATION',
      wikidataId: null,
      fr: {
        name: 'Africa Corps',
        description: 'Force paramilitaire russe déployée en Afrique, perçue comme le successeur du groupe Wagner.',
        aliases: [],
      },
      en: {
        name: 'Africa Corps',
        description: 'Russian paramilitary force deployed in Africa, seen as the successor to the Wagner Group.',
        aliases: ['Russian Africa Corps'],
      },
    },
    {
      key: 'wagner-group',
      type: 'ORGANIZATION',
      wikidataId: null,
      fr: {
        name: 'groupe Wagner',
        description: 'Société militaire privée russe, active notamment en Ukraine et en Afrique.',
        aliases: ['Wagner', 'Groupe Wagner'],
      },
      en: {
        name: 'Wagner Group',
        description: 'Russian private military company active notably in Ukraine and Africa.',
        aliases: ['Wagner', 'PMC Wagner'],
      },
    },
    {
      key: 'moscow',
      type: 'PLACE',
      wikidataId: 'Q649',
      fr: {
        name: 'Moscou',
        description: 'Capitale de la Russie, souvent employée pour désigner le gouvernement russe.',
        aliases: [],
      },
      en: {
        name: 'Moscow',
        description: 'Capital of Russia, often used to refer to the Russian government.',
        aliases: [],
      },
    },
    {
      key: 'abdourahamane-tiani',
      type: 'PERSON',
      wikidataId: null,
      fr: {
        name: 'Abdourahamane Tiani',
        description: "Général nigérien, chef du régime militaire au pouvoir depuis le coup d'État de juillet 2023.",
        aliases: ['Tiani', 'Abdourahamane Tchiani', 'Tchiani'],
      },
      en: {
        name: 'Abdourahamane Tiani',
        description: 'Nigerien general, head of the military regime in power since the July 2023 coup.',
        aliases: ['Tiani', 'Abdourahamane Tchiani', 'Tchiani'],
      },
    },
    {
      key: 'vladimir-putin',
      type: 'PERSON',
      wikidataId: 'Q7747',
      fr: {
        name: 'Vladimir Poutine',
        description: 'Homme politique russe, président de la Russie.',
        aliases: ['Poutine', 'Vladimir Vladimirovitch Poutine'],
      },
      en: {
        name: 'Vladimir Putin',
        description: 'Russian politician, president of Russia.',
        aliases: ['Putin', 'Vladimir Vladimirovich Putin'],
      },
    },
    {
      key: 'al-qaeda',
      type: 'ORGANIZATION',
      wikidataId: 'Q34490',
      fr: {
        name: 'Al-Qaïda',
        description: 'Organisation jihadiste internationale fondée par Oussama ben Laden.',
        aliases: ['Al-Qaida', 'Al Qaïda', 'Al-Qaeda'],
      },
      en: {
        name: 'Al-Qaeda',
        description: 'International jihadist organisation founded by Osama bin Laden.',
        aliases: ['Al Qaeda', 'Al-Qaida', 'Al Qaida'],
      },
    },
    {
      key: 'islamic-state',
      type: 'ORGANIZATION',
      wikidataId: 'Q2429253',
      fr: {
        name: 'État islamique',
        description: 'Organisation jihadiste née en Irak, active notamment au Moyen-Orient et en Afrique.',
        aliases: ['Etat islamique', 'groupe Etat islamique', 'groupe État islamique', 'EI', 'Daech'],
      },
      en: {
        name: 'Islamic State',
        description: 'Jihadist organisation born in Iraq, active notably in the Middle East and Africa.',
        aliases: ['Islamic State group', 'IS', 'ISIS', 'ISIL', 'Daesh'],
      },
    },
    {
      key: 'africa',
      type: 'PLACE',
      wikidataId: 'Q15',
      fr: {
        name: 'Afrique',
        description: 'Continent situé au sud de la Méditerranée.',
        aliases: ['continent africain'],
      },
      en: {
        name: 'Africa',
        description: 'Continent lying south of the Mediterranean.',
        aliases: ['African continent'],
      },
    },
    {
      key: 'rtn',
      type: 'ORGANIZATION',
      wikidataId: null,
      fr: {
        name: 'Radio Télévision du Niger',
        description: 'Audiovisuel public nigérien, qui diffuse notamment la chaîne de télévision Télé Sahel.',
        aliases: ['RTN', 'ORTN', 'Télé Sahel', 'télévision publique nigérienne', 'télévision nigérienne'],
      },
      en: {
        name: 'Radio Télévision du Niger',
        description: "Niger's public broadcaster, which runs the Télé Sahel television channel.",
        aliases: ['RTN', 'ORTN', 'Télé Sahel', 'Nigerien state television', "Niger's state television"],
      },
    },
    {
      key: 'niger-coup-2023',
      type: 'EVENT',
      wikidataId: null,
      fr: {
        name: "coup d'État de 2023 au Niger",
        description: 'Coup militaire du 26 juillet 2023 qui a renversé le président nigérien Mohamed Bazoum.',
        aliases: ["coup d'Etat de juillet", "coup d'Etat du 26 juillet 2023", "coup d'État du 26 juillet 2023"],
      },
      en: {
        name: '2023 Nigerien coup',
        description: 'Military coup of July 26, 2023 that overthrew Nigerien president Mohamed Bazoum.',
        aliases: ["2023 Nigerien coup d'état", 'July 2023 coup in Niger', 'Niger coup'],
      },
    },
    {
      key: 'niger-military-government',
      type: 'ORGANIZATION',
      wikidataId: null,
      fr: {
        name: 'Conseil national pour la sauvegarde de la patrie',
        description: "Junte au pouvoir au Niger depuis le coup d'État de juillet 2023, présidée par le général Abdourahamane Tiani.",
        aliases: ['CNSP', 'régime de Niamey', 'régime militaire nigérien', 'junte nigérienne'],
      },
      en: {
        name: 'National Council for the Safeguard of the Homeland',
        description: 'Junta in power in Niger since the July 2023 coup, led by General Abdourahamane Tiani.',
        aliases: ['CNSP', 'regime in Niamey', "Niger's military government", 'Nigerien junta'],
      },
    },
  ],
  article: {
    slug: 'les-etats-unis-acceptent-de-retirer-leurs-soldats-du-niger',
    sourceLocale: 'FR',
    agency: 'AFP',
    published: '2024-04',
    datePrecision: 'MONTH',
    dateline: null,
    fr: {
      title: 'Les Etats-Unis acceptent de retirer leurs soldats du Niger',
      lede: "Les Etats-Unis ont finalement accepté vendredi de retirer leur millier de soldats du Niger à la demande du régime de Niamey issu du coup d'Etat de juillet, sur fond de montée en puissance de la Russie dans la région.",
      body: [
        {
          kind: 'TEXT',
          text: "Le numéro deux de la diplomatie américaine, Kurt Campbell, a accepté la demande des autorités nigériennes lors d'une rencontre à Washington avec le Premier ministre Ali Mahamane Lamine Zeine, ont affirmé plusieurs responsables américains à l'AFP sous couvert de l'anonymat.",
        },
        {
          kind: 'TEXT',
          text: "L'accord prévoit l'envoi d'une délégation américaine au Niger dans les prochains jours pour s'accorder sur les détails du retrait de ces troupes engagées dans la lutte antijihadiste.",
        },
        {
          kind: 'TEXT',
          text: "Le département d'Etat américain n'a pas immédiatement réagi de manière officielle. Le calendrier du retrait n'a pas été précisé.",
        },
        {
          kind: 'TEXT',
          text: "Après le coup d'Etat qui a renversé le président élu Mohamed Bazoum le 26 juillet dernier, le nouveau régime militaire a rapidement exigé le départ des soldats de l'ex-puissance coloniale française et s'est notamment rapproché de la Russie, comme le Mali et le Burkina Faso voisins, eux aussi gouvernés par des militaires.",
        },
        {
          kind: 'TEXT',
          text: 'Les derniers soldats français ont quitté le pays fin décembre.',
        },
        {
          kind: 'TEXT',
          text: `Puis, en mars, le pouvoir a dénoncé l'accord de coopération militaire signé en 2012 avec les Etats-Unis, estimant que celui-ci avait été "imposé unilatéralement" par Washington et que la présence américaine était désormais "illégale".`,
        },
        { kind: 'HEADING', text: 'Manifestation' },
        {
          kind: 'TEXT',
          text: 'Dans un premier temps, Washington a dit attendre une confirmation des autorités, même si les responsables américains se préparaient depuis des mois à un départ.',
        },
        {
          kind: 'TEXT',
          text: "Les plus de 1.000 soldats américains présents au Niger sont engagés dans la lutte antijihadiste au Sahel et disposent d'une importante base de drones à Agadez (nord), construite pour environ 100 millions de dollars.",
        },
        {
          kind: 'TEXT',
          text: 'Récemment, la sécurité de ces soldats est devenue une priorité pour Washington.',
        },
        {
          kind: 'TEXT',
          text: "Samedi dernier, des milliers de personnes ont manifesté à Niamey pour exiger leur départ sans délai, à l'initiative notamment d'un regroupement d’une dizaine d'associations soutenant le régime.",
        },
        {
          kind: 'TEXT',
          text: 'Le Premier ministre Ali Mahamane Lamine Zeine est arrivé mardi à Washington. Sur place, il a, "dans un langage clair et sans tabou, réitéré la décision souveraine du Niger de demander le départ de toutes les forces étrangères, américaines comprises", selon la télévision publique nigérienne.',
        },
        { kind: 'HEADING', text: 'Africa Corps' },
        {
          kind: 'TEXT',
          text: "Moins d'une semaine plus tôt, mercredi 10 avril, des instructeurs russes sont arrivés à Niamey, tandis que les autorités du pays réceptionnaient leur première livraison de matériel militaire russe dans le cadre de la nouvelle coopération sécuritaire avec Moscou.",
        },
        {
          kind: 'TEXT',
          text: 'Deux jours plus tard, vendredi, Africa Corps -- perçu comme le successeur de la société paramilitaire Wagner en Afrique -- a confirmé son arrivée dans le pays.',
        },
        {
          kind: 'TEXT',
          text: `La fédération de Russie va "doter" le Niger et "installer un système de défense anti-aérien" capable "d'assurer le contrôle total de notre espace aérien", a affirmé la télévision nigérienne.`,
        },
        {
          kind: 'TEXT',
          text: `Fin mars, le chef du régime militaire au Niger, le général Abdourahamane Tiani, s'était entretenu au téléphone avec le président russe Vladimir Poutine pour discuter notamment du "renforcement" de leur coopération sécuritaire, "pour faire face aux menaces actuelles", selon un communiqué officiel nigérien.`,
        },
        {
          kind: 'TEXT',
          text: 'Le Niger, comme le Burkina et le Mali voisins, est confronté à des violences jihadistes récurrentes et meurtrières depuis des années, perpétrées par des groupes jihadistes affiliés à Al-Qaïda et au groupe Etat islamique (EI).',
        },
        {
          kind: 'TEXT',
          text: "Dans ces trois pays, les gouvernements civils ont été renversés par des coups d'Etat militaires successifs depuis 2020.",
        },
        {
          kind: 'TEXT',
          text: "En décembre, un général américain a fait savoir que les Etats-Unis étaient en discussion pour baser ses drones dans d'autres pays de la région.",
        },
      ],
    },
    en: {
      title: 'US agrees to withdraw troops from Niger',
      lede: "The United States on Friday finally agreed to withdraw its roughly 1,000 troops from Niger at the request of the regime in Niamey that came to power in a coup last July, against a backdrop of Russia's growing influence in the region.",
      body: [
        {
          kind: 'TEXT',
          text: "The number two US diplomat, Kurt Campbell, agreed to the Nigerien authorities' request during a meeting in Washington with Prime Minister Ali Mahamane Lamine Zeine, several US officials told AFP on condition of anonymity.",
        },
        {
          kind: 'TEXT',
          text: 'The agreement provides for a US delegation to travel to Niger in the coming days to settle the details of the withdrawal of the troops, who are engaged in the fight against jihadists.',
        },
        {
          kind: 'TEXT',
          text: 'There was no immediate official reaction from the US State Department. No timetable for the withdrawal has been given.',
        },
        {
          kind: 'TEXT',
          text: 'After the coup that toppled elected president Mohamed Bazoum on July 26 last year, the new military regime quickly demanded the departure of troops from former colonial power France and notably moved closer to Russia, as have neighbouring Mali and Burkina Faso, which are also ruled by the military.',
        },
        {
          kind: 'TEXT',
          text: 'The last French soldiers left the country at the end of December.',
        },
        {
          kind: 'TEXT',
          text: 'Then, in March, the government revoked a military cooperation agreement signed with the United States in 2012, saying it had been "unilaterally imposed" by Washington and that the US presence was now "illegal".',
        },
        { kind: 'HEADING', text: 'Protest' },
        {
          kind: 'TEXT',
          text: 'Washington initially said it was waiting for confirmation from the authorities, even though US officials had been preparing for a departure for months.',
        },
        {
          kind: 'TEXT',
          text: 'The more than 1,000 US soldiers stationed in Niger are engaged in the fight against jihadists in the Sahel and operate a major drone base in Agadez, in the north, built at a cost of around $100 million.',
        },
        {
          kind: 'TEXT',
          text: 'Recently, the safety of these soldiers has become a priority for Washington.',
        },
        {
          kind: 'TEXT',
          text: 'Last Saturday, thousands of people demonstrated in Niamey to demand their immediate departure, in a protest called notably by a coalition of around 10 associations that support the regime.',
        },
        {
          kind: 'TEXT',
          text: `Prime Minister Ali Mahamane Lamine Zeine arrived in Washington on Tuesday. While there, he "in clear and frank language, reiterated Niger's sovereign decision to request the departure of all foreign forces, including American ones", according to state television.`,
        },
        { kind: 'HEADING', text: 'Africa Corps' },
        {
          kind: 'TEXT',
          text: "Less than a week earlier, on Wednesday, April 10, Russian instructors arrived in Niamey, while the country's authorities took delivery of their first shipment of Russian military equipment under the new security cooperation with Moscow.",
        },
        {
          kind: 'TEXT',
          text: 'Two days later, on Friday, Africa Corps -- seen as the successor to the Wagner paramilitary group in Africa -- confirmed its arrival in the country.',
        },
        {
          kind: 'TEXT',
          text: `The Russian Federation will "equip" Niger and "install an anti-aircraft defence system" capable of "ensuring total control of our airspace", state television said.`,
        },
        {
          kind: 'TEXT',
          text: `At the end of March, the head of Niger's military regime, General Abdourahamane Tiani, had spoken by telephone with Russian President Vladimir Putin to discuss in particular the "strengthening" of their security cooperation "to confront current threats", according to an official Nigerien statement.`,
        },
        {
          kind: 'TEXT',
          text: 'Niger, like neighbouring Burkina Faso and Mali, has for years faced recurring and deadly jihadist violence carried out by jihadist groups affiliated with Al-Qaeda and the Islamic State group (IS).',
        },
        {
          kind: 'TEXT',
          text: 'In these three countries, civilian governments have been overthrown in successive military coups since 2020.',
        },
        {
          kind: 'TEXT',
          text: 'In December, a US general said the United States was in discussions about basing its drones in other countries in the region.',
        },
      ],
    },
    quotes: [
      {
        speaker: 'niger-military-government',
        attribution: { fr: 'le pouvoir', en: 'the government' },
        paragraph: 5,
        fr: 'imposé unilatéralement',
        en: 'unilaterally imposed',
      },
      {
        speaker: 'niger-military-government',
        attribution: { fr: 'le pouvoir', en: 'the government' },
        paragraph: 5,
        fr: 'illégale',
        en: 'illegal',
      },
      {
        speaker: 'rtn',
        attribution: { fr: 'la télévision publique nigérienne', en: 'state television' },
        paragraph: 11,
        fr: 'dans un langage clair et sans tabou, réitéré la décision souveraine du Niger de demander le départ de toutes les forces étrangères, américaines comprises',
        en: "in clear and frank language, reiterated Niger's sovereign decision to request the departure of all foreign forces, including American ones",
      },
      {
        speaker: 'rtn',
        attribution: { fr: 'la télévision nigérienne', en: 'state television' },
        paragraph: 15,
        fr: 'doter',
        en: 'equip',
      },
      {
        speaker: 'rtn',
        attribution: { fr: 'la télévision nigérienne', en: 'state television' },
        paragraph: 15,
        fr: 'installer un système de défense anti-aérien',
        en: 'install an anti-aircraft defence system',
      },
      {
        speaker: 'rtn',
        attribution: { fr: 'la télévision nigérienne', en: 'state television' },
        paragraph: 15,
        fr: "d'assurer le contrôle total de notre espace aérien",
        en: 'ensuring total control of our airspace',
      },
      {
        speaker: 'niger-military-government',
        attribution: { fr: 'un communiqué officiel nigérien', en: 'an official Nigerien statement' },
        paragraph: 16,
        fr: 'renforcement',
        en: 'strengthening',
      },
      {
        speaker: 'niger-military-government',
        attribution: { fr: 'un communiqué officiel nigérien', en: 'an official Nigerien statement' },
        paragraph: 16,
        fr: 'pour faire face aux menaces actuelles',
        en: 'to confront current threats',
      },
    ],
    mentions: [
      { entity: 'united-states', count: 3 },
      { entity: 'niger', count: 7 },
      { entity: 'niamey', count: 2 },
      { entity: 'russia', count: 3 },
      { entity: 'washington', count: 5 },
      { entity: 'kurt-campbell', count: 1 },
      { entity: 'ali-mahamane-lamine-zeine', count: 2 },
      { entity: 'afp', count: 1 },
      { entity: 'us-state-department', count: 1 },
      { entity: 'mohamed-bazoum', count: 1 },
      { entity: 'france', count: 1 },
      { entity: 'mali', count: 2 },
      { entity: 'burkina-faso', count: 2 },
      { entity: 'sahel', count: 1 },
      { entity: 'agadez', count: 1 },
      { entity: 'africa-corps', count: 2 },
      { entity: 'wagner-group', count: 1 },
      { entity: 'moscow', count: 1 },
      { entity: 'abdourahamane-tiani', count: 1 },
      { entity: 'vladimir-putin', count: 1 },
      { entity: 'al-qaeda', count: 1 },
      { entity: 'islamic-state', count: 2 },
      { entity: 'africa', count: 1 },
      { entity: 'rtn', count: 2 },
      { entity: 'niger-coup-2023', count: 1 },
      { entity: 'niger-military-government', count: 1 },
    ],
  },
};
