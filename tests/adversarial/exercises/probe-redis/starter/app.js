module.exports = { createApp: () => require('express')() };
