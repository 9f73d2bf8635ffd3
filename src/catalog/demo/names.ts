/**
 * People's names for the demo catalog: first-name and surname pools per culture, drawn separately so
 * no entry is a real person, plus character titles.
 */

/** A naming culture: first names, surnames and the order they are written in. */
export interface NameCulture {
  first: readonly string[];
  last: readonly string[];
  familyFirst?: boolean;
}

/** Name pools by culture; keys for the demo's original languages match their language codes. */
export const NAME_CULTURES: Readonly<Record<string, NameCulture>> = {
  en: {
    first: ['Avery', 'Bridget', 'Callum', 'Daisy', 'Elliot', 'Fern', 'Gideon', 'Harriet', 'Imogen', 'Jasper', 'Keira',
      'Lachlan', 'Maisie', 'Nolan', 'Orla', 'Percy', 'Quinn', 'Rosalind', 'Silas', 'Tamsin', 'Wyatt', 'Hollis', 'Marlow',
      'Juniper', 'Desmond', 'Winifred', 'Rhys', 'Theodora', 'Thaddeus', 'Cressida'],
    last: ['Ashdown', 'Blackwood', 'Calloway', 'Dunmore', 'Everly', 'Fairweather', 'Greaves', 'Hartigan', 'Ingleby',
      'Kettering', 'Lowell', 'Merriweather', 'Northcott', 'Pembridge', 'Quarrington', 'Seward', 'Thackery', 'Underhill',
      'Whitlock', 'Yardley', 'Ashcombe', 'Brightwell', 'Colville', 'Dempsey-Hale'],
  },
  es: {
    first: ['Alejandro', 'Beatriz', 'Catalina', 'Diego', 'Esteban', 'Florencia', 'Gonzalo', 'Inés', 'Javier', 'Lucía',
      'Marisol', 'Nicolás', 'Paloma', 'Rodrigo', 'Ximena', 'Valentina', 'Íñigo', 'Remedios'],
    last: ['Alvarado', 'Bustamante', 'Cifuentes', 'Echeverría', 'Fuentes', 'Guzmán', 'Iturbe', 'Lozano', 'Mendívil',
      'Navarrete', 'Olmedo', 'Quiroga', 'Saavedra', 'Villaseñor', 'Arrieta', 'Zubiri'],
  },
  fr: {
    first: ['Amélie', 'Bastien', 'Camille', 'Delphine', 'Étienne', 'Faustine', 'Gaspard', 'Héloïse', 'Lucien', 'Margaux',
      'Noémie', 'Octave', 'Sidonie', 'Théo', 'Apolline', 'Clément'],
    last: ['Aubertin', 'Beaulieu', 'Delacour', 'Fontanel', 'Giraudet', 'Lacombe', 'Morel', 'Perrault', 'Rivière', 'Sauvage',
      'Vasseur', 'Thibodeau', 'Marchal', 'Lefebvre-Roux'],
  },
  de: {
    first: ['Anselm', 'Britta', 'Conrad', 'Dorothea', 'Emil', 'Friederike', 'Greta', 'Hannes', 'Ilse', 'Jannik', 'Klara',
      'Lorenz', 'Mathilde', 'Wiebke', 'Thilo', 'Ottilie'],
    last: ['Achterberg', 'Brenninger', 'Drechsler', 'Falkenrath', 'Hollweg', 'Kessler', 'Meinhardt', 'Oberlin', 'Ruhland',
      'Steinbach', 'Vogt', 'Wendland', 'Thalheim', 'Zirngibl'],
  },
  ja: {
    first: ['Aoi', 'Daichi', 'Emi', 'Haruto', 'Hina', 'Kaito', 'Mei', 'Ren', 'Sakura', 'Sora', 'Takumi', 'Yui', 'Yuto', 'Rin',
      'Kohaku', 'Tsubasa'],
    last: ['Aoyama', 'Fujisaki', 'Hoshino', 'Ichikawa', 'Kanzaki', 'Matsuda', 'Morikawa', 'Nakahara', 'Okabe', 'Sakaguchi',
      'Takeda', 'Yamaguchi', 'Shiraishi', 'Tachibana'],
  },
  ko: {
    first: ['Da-eun', 'Do-yun', 'Eun-ji', 'Ha-jun', 'Ji-woo', 'Min-seo', 'Seo-yeon', 'Si-woo', 'Su-ah', 'Tae-oh', 'Ye-jin',
      'Yoon-ho', 'Ha-eun', 'Jun-seo'],
    last: ['Baek', 'Choi', 'Han', 'Jang', 'Jeon', 'Kang', 'Moon', 'Nam', 'Seo', 'Yoon', 'Hwang', 'Oh'],
    familyFirst: true,
  },
  hi: {
    first: ['Aarav', 'Ananya', 'Arjun', 'Diya', 'Ishaan', 'Kavya', 'Meera', 'Nikhil', 'Priya', 'Rohan', 'Saanvi', 'Tanvi',
      'Vihaan', 'Zoya', 'Tara', 'Kabir'],
    last: ['Bhatt', 'Chaudhary', 'Deshpande', 'Iyer', 'Joshi', 'Kulkarni', 'Malhotra', 'Nair', 'Rao', 'Sethi', 'Trivedi',
      'Venkataraman', 'Thakur', 'Banerjee'],
  },
  pt: {
    first: ['Caio', 'Fernanda', 'Gabriela', 'Heitor', 'Isadora', 'João', 'Larissa', 'Matheus', 'Renata', 'Thiago', 'Yasmin',
      'Bruna', 'Otávio', 'Luana'],
    last: ['Albuquerque', 'Barros', 'Carvalho', 'Damasceno', 'Ferraz', 'Gouveia', 'Macedo', 'Nogueira', 'Pimentel',
      'Queiroz', 'Sampaio', 'Teixeira'],
  },
  it: {
    first: ['Alessia', 'Benedetta', 'Carlo', 'Donatella', 'Enzo', 'Federica', 'Giacomo', 'Ludovica', 'Matteo', 'Ottavia',
      'Raffaele', 'Serena', 'Tommaso', 'Viola'],
    last: ['Abbate', 'Bellandi', 'Caruso', 'De Santis', 'Ferrante', 'Galli', 'Lombardo', 'Marchetti', 'Orsini', 'Pellegrini',
      'Ricci', 'Vitale'],
  },
  yo: {
    first: ['Adaeze', 'Chidi', 'Folake', 'Ikenna', 'Kemi', 'Obinna', 'Tolu', 'Yewande', 'Ngozi', 'Emeka'],
    last: ['Adebayo', 'Balogun', 'Eze', 'Nwosu', 'Okafor', 'Oyelaran', 'Adeyemi', 'Okonkwo-Bell'],
  },
  ar: {
    first: ['Amira', 'Karim', 'Layla', 'Nadia', 'Omar', 'Rania', 'Samir', 'Yusuf', 'Dalia', 'Tariq'],
    last: ['Al-Amin', 'Haddad', 'Khoury', 'Mansour', 'Nassar', 'Saleh', 'Darwish', 'Farah'],
  },
  zh: {
    first: ['An', 'Bo', 'Jia', 'Lian', 'Mei-lin', 'Wen', 'Xiu', 'Zhen', 'Hao', 'Yun'],
    last: ['Chen', 'Guo', 'Lin', 'Song', 'Tang', 'Zhao', 'Xu', 'Feng'],
    familyFirst: true,
  },
  sv: {
    first: ['Astrid', 'Björn', 'Ebba', 'Linnea', 'Oskar', 'Sigrid', 'Torsten', 'Maja'],
    last: ['Ekström', 'Holmberg', 'Lindqvist', 'Nyberg', 'Sandström', 'Wallin'],
  },
  pl: {
    first: ['Agnieszka', 'Bartosz', 'Kasia', 'Tomasz', 'Zofia', 'Wojciech', 'Marek', 'Ola'],
    last: ['Mazur', 'Kaczmarek', 'Sikora', 'Wróbel', 'Dudek', 'Pawlak'],
  },
  tr: {
    first: ['Defne', 'Emre', 'Elif', 'Kerem', 'Selin', 'Mert', 'Ece', 'Baran'],
    last: ['Aydın', 'Demir', 'Kaya', 'Öztürk', 'Şahin', 'Yıldız'],
  },
};

/** Honorifics that sometimes turn a supporting character into "Detective Okafor". */
export const CHARACTER_TITLES: readonly string[] = [
  'Detective', 'Dr.', 'Captain', 'Sister', 'Professor', 'Inspector', 'Aunt', 'Mayor', 'Uncle', 'Judge', 'Officer', 'Grandma',
];

/** Whimsical character names for kids titles. */
export const KIDS_CHARACTERS: readonly string[] = [
  'Pip', 'Noodle', 'Tansy', 'Bramble', 'Professor Hoot', 'Mossy', 'Captain Puddle', 'Ziggy', 'Biscuit', 'Lulu Lark',
  'Button', 'Granny Fern', 'Sprocket', 'Mabel Moth', 'Dotty', 'Figgy', 'Tumble', 'Sir Waddles', 'Pebble', 'Juniper Jay',
  'Bolt', 'Clementine', 'Mister Mole', 'Poppy', 'Wiggles the Worm', 'Toffee',
];
