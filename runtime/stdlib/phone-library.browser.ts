// The playground's phone library: the plain ESM build (a browser has no CommonJS loader to patch; speed matters less).
export { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
