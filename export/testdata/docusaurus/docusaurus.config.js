// A stand-in for a Docusaurus site's configuration (SOURCE.md): galley
// reads none of it; its presence makes the directory a Docusaurus site,
// whose pages are MDX.
export default {title: 'Docusaurus', url: 'https://docusaurus.io', baseUrl: '/'};
