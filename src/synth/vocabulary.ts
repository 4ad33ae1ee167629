// Paired French/English word lists and sentence templates for the synthetic archive. Each pair
// says the same thing in both languages, so a translation reads as a translation. Slots:
// {P} person, {O} organisation, {L} place, {E} event, {T} topic, {R} role, {D} weekday, {N} number.

export type Pair = readonly [fr: string, en: string];

export const FIRST_NAMES = [
  'Amadou', 'Aminata', 'Claire', 'Jean', 'Marie', 'Pierre', 'Sophie', 'Moussa', 'Fatou', 'Ibrahim',
  'Nadia', 'Olivier', 'Isabelle', 'Thomas', 'Camille', 'Youssef', 'Leila', 'Karim', 'Awa', 'Samuel',
  'Hélène', 'François', 'Aïcha', 'Mamadou', 'Julien', 'Élodie', 'David', 'Sarah', 'Omar', 'Mariam',
  'Nicolas', 'Anne', 'Paul', 'Lucie', 'Hamid', 'Salif', 'Rokia', 'Bernard', 'Catherine', 'Michel',
  'Kofi', 'Ngozi', 'Chidi', 'Yaw', 'Zeynep', 'Elena', 'Sergei', 'Olga', 'Wei', 'Mei',
  'Hiroshi', 'Yuki', 'Carlos', 'Lucía', 'João', 'Ana', 'Rahul', 'Priya', 'Emma', 'James',
] as const;

export const LAST_NAMES = [
  'Diallo', 'Traoré', 'Keïta', 'Coulibaly', 'Touré', 'Ouédraogo', 'Sawadogo', 'Konaté', 'Cissé', 'Sylla',
  'Martin', 'Bernard', 'Dubois', 'Lefèvre', 'Moreau', 'Laurent', 'Girard', 'Rousseau', 'Fontaine', 'Chevalier',
  'Mercier', 'Blanchard', 'Garnier', 'Faure', 'Perrin', 'Morel', 'Gauthier', 'Roussel', 'Lemaire', 'Renard',
  'Benali', 'Haddad', 'Mansour', 'Khalil', 'Nasser', 'Ouattara', 'Kaboré', 'Sankara', 'Mahamadou', 'Issoufou',
  'Okafor', 'Adeyemi', 'Mensah', 'Owusu', 'Kariuki', 'Mwangi', 'Nkosi', 'Dlamini', 'Banda', 'Phiri',
  'Smith', 'Johnson', 'Brown', 'Taylor', 'Walker', 'Harris', 'Clarke', 'Lewis', 'Robinson', 'Wright',
  'Ivanov', 'Petrova', 'Novak', 'Kowalski', 'Schmidt', 'Müller', 'Rossi', 'Bianchi', 'García', 'Fernández',
  'Silva', 'Santos', 'Yilmaz', 'Demir', 'Chen', 'Wang', 'Li', 'Tanaka', 'Sato', 'Kim',
  'Park', 'Nguyen', 'Tran', 'Singh', 'Patel', 'Sharma', 'Ahmed', 'Hassan', 'Rahman', 'Karimi',
] as const;

/** Real places whose names differ between the languages. */
export const PLACES: readonly Pair[] = [
  ['Londres', 'London'], ['Moscou', 'Moscow'], ['Pékin', 'Beijing'], ['Varsovie', 'Warsaw'], ['Vienne', 'Vienna'],
  ['Bruxelles', 'Brussels'], ['Genève', 'Geneva'], ['Lisbonne', 'Lisbon'], ['Athènes', 'Athens'], ['Copenhague', 'Copenhagen'],
  ['Venise', 'Venice'], ['Florence', 'Florence'], ['Munich', 'Munich'], ['Cologne', 'Cologne'], ['Prague', 'Prague'],
  ['Alger', 'Algiers'], ['Tunis', 'Tunis'], ['Rabat', 'Rabat'], ['Dakar', 'Dakar'], ['Bamako', 'Bamako'],
  ['Ouagadougou', 'Ouagadougou'], ['Niamey', 'Niamey'], ['Abidjan', 'Abidjan'], ['Kinshasa', 'Kinshasa'], ['Nairobi', 'Nairobi'],
  ['Addis-Abeba', 'Addis Ababa'], ['Tripoli', 'Tripoli'], ['Beyrouth', 'Beirut'], ['Damas', 'Damascus'], ['Bagdad', 'Baghdad'],
  ['Téhéran', 'Tehran'], ['Jérusalem', 'Jerusalem'], ['La Mecque', 'Mecca'], ['Istanbul', 'Istanbul'], ['Ankara', 'Ankara'],
  ['Kiev', 'Kyiv'], ['Tokyo', 'Tokyo'], ['Séoul', 'Seoul'], ['Pyongyang', 'Pyongyang'], ['Canton', 'Guangzhou'],
  ['Bombay', 'Mumbai'], ['New Delhi', 'New Delhi'], ['Washington', 'Washington'], ['New York', 'New York'], ['La Nouvelle-Orléans', 'New Orleans'],
  ['Mexico', 'Mexico City'], ['Brasilia', 'Brasilia'], ['Buenos Aires', 'Buenos Aires'], ['Le Cap', 'Cape Town'], ['Montréal', 'Montreal'],
];

export const TOWN_SYLLABLES = [
  'ka', 'ra', 'ba', 'ne', 'to', 'mi', 'lo', 'sa', 'di', 'gou', 'ma', 'ko', 'fa', 'ti', 'za', 'bou', 'ri', 'na', 'lé', 'do',
] as const;

/** [French kind, English kind] of organisations. */
export const ORG_KINDS: readonly Pair[] = [
  ['Agence nationale', 'National Agency'], ['Office', 'Office'], ['Conseil', 'Council'], ['Institut', 'Institute'],
  ['Fédération', 'Federation'], ['Syndicat', 'Union'], ['Banque', 'Bank'], ['Commission', 'Commission'], ['Observatoire', 'Observatory'],
];

/** [French complement, English modifier] of organisation domains. */
export const DOMAINS: readonly Pair[] = [
  ["de l'énergie", 'Energy'], ['de la santé', 'Health'], ['des transports', 'Transport'], ["de l'eau", 'Water'],
  ['du commerce', 'Trade'], ["de l'agriculture", 'Agriculture'], ['des mines', 'Mining'], ['de la pêche', 'Fisheries'],
  ['du travail', 'Labour'], ['de la recherche', 'Research'], ['des douanes', 'Customs'], ['du tourisme', 'Tourism'],
  ['des télécommunications', 'Telecommunications'], ["de l'éducation", 'Education'], ['du logement', 'Housing'], ['de la sécurité', 'Security'],
];

export const EVENT_KINDS: readonly Pair[] = [
  ['Sommet de {L}', '{L} Summit'], ['Conférence de {L}', '{L} Conference'], ['Accords de {L}', '{L} Accords'],
  ['Forum de {L}', '{L} Forum'], ['Élections de {L}', '{L} Elections'], ['Crise de {L}', '{L} Crisis'],
];

export const OPERATION_NAMES = [
  'Barkhane', 'Serval', 'Sangaris', 'Épervier', 'Licorne', 'Turquoise', 'Harmattan', 'Chammal', 'Tempête', 'Aurore',
  'Horizon', 'Boréal', 'Mistral', 'Sirocco', 'Alizé', 'Zéphyr', 'Orion', 'Pégase', 'Phénix', 'Atlas',
] as const;

export const ROLES: readonly Pair[] = [
  ['ministre des Affaires étrangères', 'the foreign minister'], ['porte-parole du gouvernement', 'the government spokesperson'],
  ['président de la commission', 'the committee chairman'], ['chef de la diplomatie', 'the top diplomat'],
  ['directeur général', 'the chief executive'], ["député de l'opposition", 'an opposition lawmaker'],
  ["ministre de l'Économie", 'the economy minister'], ['Premier ministre', 'the prime minister'],
  ["chef d'état-major des armées", 'the chief of the armed forces'], ['secrétaire général', 'the secretary general'],
  ['maire', 'the mayor'], ['ambassadeur', 'the ambassador'], ['économiste en chef', 'the chief economist'],
];

export const TOPICS: readonly Pair[] = [
  ['la réforme des retraites', 'the pension reform'], ['le budget de la défense', 'the defence budget'],
  ['la sécurité alimentaire', 'food security'], ['les négociations commerciales', 'the trade talks'],
  ['la crise énergétique', 'the energy crisis'], ['le changement climatique', 'climate change'],
  ['la dette publique', 'public debt'], ['les élections législatives', 'the parliamentary elections'],
  ["l'accord de cessez-le-feu", 'the ceasefire agreement'], ['la transition énergétique', 'the energy transition'],
  ['le prix du pétrole', 'the oil price'], ["l'inflation", 'inflation'], ['la campagne de vaccination', 'the vaccination campaign'],
  ['la réforme constitutionnelle', 'the constitutional reform'], ['les droits de douane', 'customs duties'],
  ['la crise migratoire', 'the migration crisis'], ['la lutte antijihadiste', 'the fight against jihadists'],
  ['le retrait des troupes', 'the troop withdrawal'], ['la sécheresse', 'the drought'], ['les inondations', 'the floods'],
  ['la grève des enseignants', 'the teachers strike'], ['le chômage des jeunes', 'youth unemployment'],
  ["l'aide humanitaire", 'humanitarian aid'], ['la liberté de la presse', 'press freedom'],
  ['la corruption', 'corruption'], ['le réseau électrique', 'the power grid'], ['la production de cacao', 'cocoa production'],
  ["l'exploitation de l'uranium", 'uranium mining'], ['la couverture santé', 'health coverage'], ['le prix du pain', 'the price of bread'],
];

export const WEEKDAYS: readonly Pair[] = [
  ['lundi', 'on Monday'], ['mardi', 'on Tuesday'], ['mercredi', 'on Wednesday'], ['jeudi', 'on Thursday'],
  ['vendredi', 'on Friday'], ['samedi', 'on Saturday'], ['dimanche', 'on Sunday'],
];

/** Running-text sentences. */
export const SENTENCES: readonly Pair[] = [
  ['{P}, {R}, a annoncé {D} que {T} serait au cœur des discussions à {L}.', '{P}, {R}, said {D} that {T} would be at the heart of talks in {L}.'],
  ["Selon {O}, plus de {N} personnes sont concernées par {T}, un chiffre en hausse par rapport à l'an dernier.", 'According to the {O}, more than {N} people are affected by {T}, a figure up on last year.'],
  ["Les discussions sur {T} doivent reprendre la semaine prochaine à {L}, a indiqué {O} dans un communiqué.", 'Talks on {T} are due to resume next week in {L}, the {O} said in a statement.'],
  ["{P} s'est rendu {D} à {L} pour rencontrer les représentants de {O}.", '{P} travelled to {L} {D} to meet representatives of the {O}.'],
  ["Le gouvernement a promis de débloquer {N} millions d'euros pour faire face à {T}.", 'The government pledged {N} million euros to tackle {T}.'],
  ["Des centaines de manifestants se sont rassemblés {D} à {L} pour protester contre {T}.", 'Hundreds of protesters gathered in {L} {D} to protest against {T}.'],
  ["{O} a publié {D} un rapport très critique sur {T}, pointant des retards importants.", 'The {O} published a highly critical report on {T} {D}, pointing to major delays.'],
  ["Cette décision intervient quelques semaines avant {E}, où {T} devrait dominer les débats.", 'The decision comes a few weeks before the {E}, where {T} is expected to dominate the debate.'],
  ["{P} a rejeté les accusations de l'opposition, qui lui reproche sa gestion de {T}.", '{P} rejected accusations from the opposition, which criticises the handling of {T}.'],
  ["À {L}, les autorités locales ont décrété un couvre-feu et renforcé la présence policière.", 'In {L}, local authorities imposed a curfew and stepped up the police presence.'],
  ["Les experts de {O} estiment que {T} pourrait coûter jusqu'à {N} millions par an.", 'Experts at the {O} estimate that {T} could cost up to {N} million a year.'],
  ["Interrogé par l'AFP, un diplomate a jugé la situation « préoccupante » sans donner plus de détails.", 'Asked by AFP, a diplomat described the situation as "worrying" without giving further details.'],
  ["Le dossier avait déjà provoqué de vives tensions lors de {E}.", 'The issue had already caused sharp tensions at the {E}.'],
  ["{P} doit présenter un nouveau plan sur {T} devant le Parlement avant la fin du mois.", '{P} is due to present a new plan on {T} to parliament before the end of the month.'],
  ["Selon les chiffres officiels, {N} personnes ont été déplacées depuis le début de l'année dans la région de {L}.", 'According to official figures, {N} people have been displaced since the start of the year in the {L} region.'],
  ["Les partenaires internationaux de {L} ont appelé au dialogue et à la retenue.", "{L}'s international partners called for dialogue and restraint."],
  ["La mesure, très attendue, a été saluée par {O} mais critiquée par plusieurs syndicats.", 'The long-awaited measure was welcomed by the {O} but criticised by several unions.'],
  ["{P} a reconnu {D} que des erreurs avaient été commises dans la gestion de {T}.", '{P} acknowledged {D} that mistakes had been made in handling {T}.'],
  ["Aucune date n'a été fixée pour la prochaine réunion entre {P} et {O}.", 'No date has been set for the next meeting between {P} and the {O}.'],
  ["Les marchés ont réagi avec prudence, la monnaie perdant près de {N} points face au dollar.", 'Markets reacted cautiously, with the currency losing nearly {N} points against the dollar.'],
  ["Depuis {E}, {L} tente de se repositionner sur {T}.", 'Since the {E}, {L} has been trying to reposition itself on {T}.'],
  ["L'opposition réclame une enquête indépendante sur le rôle de {O}.", 'The opposition is calling for an independent inquiry into the role of the {O}.'],
];

export const HEADINGS: readonly Pair[] = [
  ['Négociations', 'Negotiations'], ['Réactions', 'Reactions'], ['Contexte', 'Background'], ['Calendrier', 'Timeline'],
  ['Inquiétudes', 'Concerns'], ['Précédents', 'Precedents'], ['Enjeux', 'What is at stake'], ['Bilan', 'Toll'],
];

export const TITLES: readonly Pair[] = [
  ['{L} : {T} au centre des discussions', '{L}: {T} at the centre of talks'],
  ['{P} promet des mesures sur {T}', '{P} promises measures on {T}'],
  ['{O} tire la sonnette d’alarme sur {T}', '{O} sounds the alarm on {T}'],
  ['À {L}, des milliers de manifestants contre {T}', 'In {L}, thousands protest against {T}'],
  ['{T} : {P} sous pression avant {E}', '{T}: {P} under pressure ahead of {E}'],
  ['Accord trouvé à {L} sur {T}', 'Deal reached in {L} on {T}'],
];

export const QUOTES: readonly Pair[] = [
  ['Nous ne céderons pas à la pression', 'We will not give in to pressure'],
  ["La situation est grave mais elle n'est pas désespérée", 'The situation is serious but not hopeless'],
  ['Nous avons besoin de résultats concrets, pas de promesses', 'We need concrete results, not promises'],
  ["Personne ne peut ignorer l'urgence", 'No one can ignore the urgency'],
  ['Le dialogue reste la seule voie possible', 'Dialogue remains the only way forward'],
  ['Ce texte est une avancée historique pour le pays', 'This text is a historic step forward for the country'],
  ['Nous irons jusqu’au bout de cette réforme', 'We will see this reform through to the end'],
  ["Les chiffres parlent d'eux-mêmes", 'The figures speak for themselves'],
  ['Il est trop tôt pour tirer des conclusions', 'It is too early to draw conclusions'],
  ['Nous appelons toutes les parties à la retenue', 'We call on all parties to show restraint'],
  ['La population attend des réponses claires', 'People are waiting for clear answers'],
  ["C'est une décision souveraine que nous assumons", 'It is a sovereign decision that we stand by'],
  ['Les prochaines semaines seront décisives', 'The coming weeks will be decisive'],
  ['Nous ne sommes pas responsables de cette crise', 'We are not responsible for this crisis'],
  ['La sécurité de nos citoyens passe avant tout', 'The safety of our citizens comes first'],
  ["Rien n'est encore décidé", 'Nothing has been decided yet'],
];

/** How a quote is introduced in the text: {Q} quote, {P} speaker or attribution. */
export const QUOTE_SENTENCES: readonly Pair[] = [
  ['« {Q} », a déclaré {P}.', '"{Q}," {P} said.'],
  ['« {Q} », a insisté {P} devant la presse.', '"{Q}," {P} told reporters.'],
  ['{P} a affirmé : « {Q} ».', '{P} said: "{Q}."'],
];

export const GENERIC_SPEAKERS: readonly Pair[] = [
  ['un porte-parole', 'a spokesperson'], ['un responsable', 'an official'], ['une source diplomatique', 'a diplomatic source'],
  ['le ministère', 'the ministry'], ['un proche du dossier', 'a source close to the matter'],
];

export const DESCRIPTIONS: Record<'PERSON' | 'ORGANIZATION' | 'PLACE' | 'EVENT' | 'OTHER', Pair> = {
  PERSON: ['Personnalité citée dans les dépêches, {R}.', 'Public figure quoted in dispatches, {R}.'],
  ORGANIZATION: ['Organisme public ou privé basé à {L}.', 'Public or private body based in {L}.'],
  PLACE: ['Ville citée dans les dépêches.', 'City named in dispatches.'],
  EVENT: ['Rencontre internationale tenue à {L}.', 'International meeting held in {L}.'],
  OTHER: ['Opération ou programme cité dans les dépêches.', 'Operation or programme named in dispatches.'],
};

export const AGENCIES = ['AFP', 'AFP', 'AFP', 'AFP', 'Reuters', 'AP', null] as const;
